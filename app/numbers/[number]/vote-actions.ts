"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/accounts/authz";
import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { clientAddress } from "@/lib/platform/rate-limit";
import { castVote, withdrawVote } from "@/lib/votes/vote";

const field = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" && value !== "" ? value : undefined;
};

// Every number page: the URL may spell the number encoded or not.
const NUMBER_PAGE = "/numbers/[number]";

export async function castVoteAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const e164 = field(form, "e164");
  const legitimate = field(form, "legitimate");
  try {
    const input = { claimId: field(form, "claimId"), e164: field(form, "claimId") ? undefined : e164, legitimate: legitimate === "true" ? true : legitimate === "false" ? false : legitimate };
    await castVote(await getActor(), input, { address: await clientAddress() });
  } catch (error) {
    return toFailure(error);
  }
  revalidatePath(NUMBER_PAGE, "page");
  return { ok: true, data: undefined, message: "Thanks — your vote is counted." };
}

export async function withdrawVoteAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    await withdrawVote(await getActor(), { claimId: field(form, "claimId") });
  } catch (error) {
    return toFailure(error);
  }
  revalidatePath(NUMBER_PAGE, "page");
  return { ok: true, data: undefined, message: "Your vote was withdrawn." };
}
