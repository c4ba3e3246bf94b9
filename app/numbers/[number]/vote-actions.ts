"use server";

import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/accounts/action";
import type { ActionResult } from "@/lib/platform/errors";
import { present } from "@/lib/platform/form-data";
import { castVote, withdrawVote, type VotePanelUpdate } from "@/lib/votes/vote";

// Every number page: the URL may spell the number encoded or not.
const NUMBER_PAGE = "/numbers/[number]";

const legitimateFrom = (value: string | undefined) => (value === "true" ? true : value === "false" ? false : value);

// Both actions answer with the claim's vote-panel figures after the change (VotePanelUpdate: counts,
// Wilson bounds, the member's vote), so a panel can update itself from the answer; the page is also
// revalidated so everything else on it (verdict, counts) follows.
/** The command parses: a vote names its claim, or the number for its organisation-less claim. */
export const castVoteAction = serverAction({}, async (form, { actor, address }): Promise<ActionResult<VotePanelUpdate>> => {
  const claimId = present(form.claimId);
  const { panel } = await castVote(actor, { claimId, e164: claimId ? undefined : present(form.e164), legitimate: legitimateFrom(present(form.legitimate)) }, { address });
  revalidatePath(NUMBER_PAGE, "page");
  return { ok: true, data: panel, message: "Thanks — your vote is counted." };
});

export const withdrawVoteAction = serverAction({}, async (form, { actor }): Promise<ActionResult<VotePanelUpdate>> => {
  const { panel } = await withdrawVote(actor, { claimId: present(form.claimId) });
  revalidatePath(NUMBER_PAGE, "page");
  return { ok: true, data: panel, message: "Your vote was withdrawn." };
});
