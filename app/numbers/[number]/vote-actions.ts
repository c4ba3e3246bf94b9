"use server";

import { serverAction } from "@/lib/accounts/action";
import type { ActionResult } from "@/lib/platform/errors";
import { present } from "@/lib/platform/form-data";
import { castVote, withdrawVote, type VotePanelUpdate } from "@/lib/votes/vote";

const legitimateFrom = (value: string | undefined) => (value === "true" ? true : value === "false" ? false : value);

// Both actions answer with the claim's vote-panel figures after the change (VotePanelUpdate: counts,
// Wilson bounds, the member's vote), and the panel updates itself from the answer (claim-vote.tsx). The
// page is not rendered again in the answer (issue 12: a vote costs a few statements, not a page); the
// write drops the number's cached data and kept pages by tag, so the next page view shows the new verdict.
/** The command parses: a vote names its claim, or the number for its organisation-less claim. */
export const castVoteAction = serverAction({}, async (form, { actor, address }): Promise<ActionResult<VotePanelUpdate>> => {
  const claimId = present(form.claimId);
  const { panel } = await castVote(actor, { claimId, e164: claimId ? undefined : present(form.e164), legitimate: legitimateFrom(present(form.legitimate)) }, { address });
  return { ok: true, data: panel, message: "Thanks — your vote is counted." };
});

export const withdrawVoteAction = serverAction({}, async (form, { actor }): Promise<ActionResult<VotePanelUpdate>> => {
  const { panel } = await withdrawVote(actor, { claimId: present(form.claimId) });
  return { ok: true, data: panel, message: "Your vote was withdrawn." };
});
