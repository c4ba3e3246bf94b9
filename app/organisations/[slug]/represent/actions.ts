"use server";

import { getActor } from "@/lib/accounts/authz";
import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { requestRepresentation } from "@/lib/representatives/representation";

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
};

const MESSAGES = {
  EMAIL_SENT: "We have sent a confirmation link to that address. Open it to become a representative.",
  AWAITING_MODERATOR: "Thank you. A moderator will check what you told us and approve or decline your request.",
  ALREADY_ACTIVE: "You already represent this organisation.",
} as const;

export async function requestRepresentationAction(_prev: ActionResult<unknown> | null, form: FormData): Promise<ActionResult<unknown>> {
  try {
    const outcome = await requestRepresentation(await getActor(), { organisationId: text(form, "organisationId") ?? "", email: text(form, "email"), evidence: text(form, "evidence") });
    return { ok: true, data: outcome, message: MESSAGES[outcome.status] };
  } catch (error) {
    return toFailure(error);
  }
}
