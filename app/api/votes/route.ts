import { writeRoute } from "@/lib/accounts/write-route";
import { castVote, withdrawVote, type VotePanelUpdate } from "@/lib/votes/vote";
import type { ActionResult } from "@/lib/platform/errors";

export const dynamic = "force-dynamic";

// POST /api/votes {claimId | e164, legitimate: true|false} casts or changes the member's vote;
// DELETE /api/votes {claimId} withdraws it. Both answer with the claim's vote-panel figures after the
// change (counts, Wilson bounds, the member's vote), which the panel shows at once (claim-vote.tsx);
// the write drops the number's cached data and kept pages by tag, so the next page view is fresh.

export const POST = writeRoute(async (input, { actor, address }): Promise<ActionResult<VotePanelUpdate>> => {
  const { panel } = await castVote(actor, { claimId: input.claimId || undefined, e164: input.claimId ? undefined : input.e164, legitimate: input.legitimate }, { address });
  return { ok: true, data: panel, message: "Thanks — your vote is counted." };
});

export const DELETE = writeRoute(async (input, { actor }): Promise<ActionResult<VotePanelUpdate>> => {
  const { panel } = await withdrawVote(actor, { claimId: input.claimId });
  return { ok: true, data: panel, message: "Your vote was withdrawn." };
});
