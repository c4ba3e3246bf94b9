"use server";

import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/accounts/action";
import type { ActionResult } from "@/lib/platform/errors";
import { present } from "@/lib/platform/form-data";
import { castVote, withdrawVote } from "@/lib/votes/vote";

// Every number page: the URL may spell the number encoded or not.
const NUMBER_PAGE = "/numbers/[number]";

const legitimateFrom = (value: string | undefined) => (value === "true" ? true : value === "false" ? false : value);

/** The command parses: a vote names its claim, or the number for its organisation-less claim. */
export const castVoteAction = serverAction({}, async (form, { actor, address }): Promise<ActionResult> => {
  const claimId = present(form.claimId);
  await castVote(actor, { claimId, e164: claimId ? undefined : present(form.e164), legitimate: legitimateFrom(present(form.legitimate)) }, { address });
  revalidatePath(NUMBER_PAGE, "page");
  return { ok: true, data: undefined, message: "Thanks — your vote is counted." };
});

export const withdrawVoteAction = serverAction({}, async (form, { actor }): Promise<ActionResult> => {
  await withdrawVote(actor, { claimId: present(form.claimId) });
  revalidatePath(NUMBER_PAGE, "page");
  return { ok: true, data: undefined, message: "Your vote was withdrawn." };
});
