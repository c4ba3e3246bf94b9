"use server";

import { serverAction } from "@/lib/accounts/action";
import type { ActionResult } from "@/lib/platform/errors";
import { single, text } from "@/lib/platform/form-fields";
import { requestRepresentation } from "@/lib/representatives/representation";

const MESSAGES = {
  EMAIL_SENT: "We have sent a confirmation link to that address. Open it to become a representative.",
  AWAITING_MODERATOR: "Thank you. A moderator will check what you told us and approve or decline your request.",
  ALREADY_ACTIVE: "You already represent this organisation.",
} as const;

export const requestRepresentationAction = serverAction({}, async (form, { actor }): Promise<ActionResult<unknown>> => {
  const outcome = await requestRepresentation(actor, { organisationId: text(form.organisationId), email: single(form.email), evidence: single(form.evidence) });
  return { ok: true, data: outcome, message: MESSAGES[outcome.status] };
});
