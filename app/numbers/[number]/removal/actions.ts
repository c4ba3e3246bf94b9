"use server";

import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { clientAddress } from "@/lib/platform/rate-limit";
import { createRemovalRequest } from "@/lib/moderation/removals";

export type RemovalFormState = ActionResult<undefined> & { values?: { name: string; email: string; reason: string } };

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

/** Public: no account needed; the command validates and rate-limits per address. */
export async function requestRemovalAction(_prev: RemovalFormState | null, form: FormData): Promise<RemovalFormState> {
  const values = { name: text(form, "name"), email: text(form, "email"), reason: text(form, "reason") };
  try {
    await createRemovalRequest({ e164: text(form, "e164"), ...values }, await clientAddress());
  } catch (error) {
    return { ...toFailure(error), values };
  }
  return { ok: true, data: undefined, message: "Thank you. A moderator will look at your request, usually within two working days, and reply by e-mail." };
}
