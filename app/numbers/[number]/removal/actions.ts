"use server";

import { serverAction } from "@/lib/accounts/action";
import { createRemovalRequest } from "@/lib/moderation/removals";
import type { ActionResult } from "@/lib/platform/errors";
import { text, type FormObject } from "@/lib/platform/form-fields";

export type RemovalFormState = ActionResult<undefined> & { values?: { name: string; email: string; reason: string } };

const valuesOf = (form: FormObject) => ({ name: text(form.name), email: text(form.email), reason: text(form.reason) });

/** Public: no account needed; the command validates and rate-limits per address. */
export const requestRemovalAction = serverAction(
  {},
  async (form, { address }): Promise<RemovalFormState> => {
    await createRemovalRequest({ e164: text(form.e164), ...valuesOf(form) }, address);
    return { ok: true, data: undefined, message: "Thank you. A moderator will look at your request, usually within two working days, and reply by e-mail." };
  },
  (failure, form) => ({ ...failure, values: valuesOf(form) }),
);
