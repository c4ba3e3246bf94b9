"use server";

import { serverAction } from "@/lib/accounts/action";
import { formatE164 } from "@/lib/numbers/phone";
import type { ActionResult } from "@/lib/platform/errors";
import { text } from "@/lib/platform/form-fields";
import { checkCall, getOrganisationName } from "@/lib/representatives/calls";

export type CallCheckState = ActionResult<{ called: boolean }> | null;

/** "Did <organisation> just call you?": anyone may ask; the check is rate-limited per address. */
export const checkCallAction = serverAction({}, async (form, { address }): Promise<ActionResult<{ called: boolean }>> => {
  const organisationId = text(form.organisationId);
  // The name in the answer comes from the database, never from the form.
  const name = (await getOrganisationName(organisationId)) ?? "The organisation";
  const result = await checkCall({ organisationId, reference: text(form.reference) }, { address });
  if (result.called) {
    const time = result.calledAt.toISOString().slice(11, 16);
    return { ok: true, data: { called: true }, message: `Yes: ${name} recorded a call to you from ${formatE164(result.from).national} at ${time} UTC. This reference has now been used.` };
  }
  return { ok: true, data: { called: false }, message: `No: ${name} has no call with that reference in the last hour (or it was already checked). Hang up and call ${name} back on its official number.` };
});
