"use server";

import { formatE164 } from "@/lib/numbers/phone";
import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { clientAddress } from "@/lib/platform/rate-limit";
import { checkCall, getOrganisationName } from "@/lib/representatives/calls";

export type CallCheckState = ActionResult<{ called: boolean }> | null;

/** "Did <organisation> just call you?": anyone may ask; the check is rate-limited per address. */
export async function checkCallAction(_prev: CallCheckState, form: FormData): Promise<CallCheckState> {
  try {
    // The name in the answer comes from the database, never from the form.
    const name = (await getOrganisationName(String(form.get("organisationId") ?? ""))) ?? "The organisation";
    const result = await checkCall({ organisationId: String(form.get("organisationId") ?? ""), reference: String(form.get("reference") ?? "") }, { address: await clientAddress() });
    if (result.called) {
      const time = result.calledAt.toISOString().slice(11, 16);
      return { ok: true, data: { called: true }, message: `Yes: ${name} recorded a call to you from ${formatE164(result.from).national} at ${time} UTC. This reference has now been used.` };
    }
    return { ok: true, data: { called: false }, message: `No: ${name} has no call with that reference in the last hour (or it was already checked). Hang up and call ${name} back on its official number.` };
  } catch (error) {
    return toFailure(error);
  }
}
