"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/accounts/authz";
import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { clientAddress } from "@/lib/platform/rate-limit";
import { castVote, withdrawVote, type VotePanelUpdate } from "@/lib/votes/vote";

const field = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" && value !== "" ? value : undefined;
};

// Every number page: the URL may spell the number encoded or not.
const NUMBER_PAGE = "/numbers/[number]";

// Both actions answer with the claim's vote-panel figures after the change (VotePanelUpdate: counts,
// Wilson bounds, the member's vote), so a panel can update itself from the answer. The whole-page
// revalidatePath stays only until the number page's panel renders from that answer: then remove it.
export async function castVoteAction(_prev: ActionResult<VotePanelUpdate> | null, form: FormData): Promise<ActionResult<VotePanelUpdate>> {
  const e164 = field(form, "e164");
  const legitimate = field(form, "legitimate");
  try {
    const input = { claimId: field(form, "claimId"), e164: field(form, "claimId") ? undefined : e164, legitimate: legitimate === "true" ? true : legitimate === "false" ? false : legitimate };
    const { panel } = await castVote(await getActor(), input, { address: await clientAddress() });
    revalidatePath(NUMBER_PAGE, "page");
    return { ok: true, data: panel, message: "Thanks — your vote is counted." };
  } catch (error) {
    return toFailure(error);
  }
}

export async function withdrawVoteAction(_prev: ActionResult<VotePanelUpdate> | null, form: FormData): Promise<ActionResult<VotePanelUpdate>> {
  try {
    const { panel } = await withdrawVote(await getActor(), { claimId: field(form, "claimId") });
    revalidatePath(NUMBER_PAGE, "page");
    return { ok: true, data: panel, message: "Your vote was withdrawn." };
  } catch (error) {
    return toFailure(error);
  }
}
