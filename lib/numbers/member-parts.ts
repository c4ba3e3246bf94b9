import "server-only";
import { listComments, viewerMarks } from "../comments/comment";
import type { CommentMarks } from "../comments/marks";
import { listOrganisationsSpeakingOn } from "../representatives/representation";
import { listClaimsForNumber, votesOf } from "../votes/vote";
import { isWatching } from "../watches/watch";
import { listPublicClaimsForNumber, listPublicComments, membersReadCache } from "./public-page";

/** What is a member's own on a number page; the rest of the page is the same for everyone. */
export type MemberNumberParts = {
  watching: boolean;
  /** Their vote on each of the number's claims they voted on: claim id → legitimate. */
  votes: Record<string, boolean>;
  /** Their marks on the first page of comments (theirs, flagged by them). */
  comments: CommentMarks;
  /** Organisations they may speak for on this number (statements, replies as the organisation). */
  speaksFor: { id: string; name: string }[];
};


/**
 * A member's parts of a number's page, read beside the page everyone shares: the claims and first page
 * of comments come from the data cache (or, with read replicas, afresh from the primary, as the page
 * does for members then), their own rows afresh. Four reads in parallel at most.
 */
export async function memberNumberParts(actor: { id: string; suspendedAt: Date | null }, e164: string): Promise<MemberNumberParts> {
  const shared = membersReadCache();
  const [claims, comments] = await Promise.all([
    shared ? listPublicClaimsForNumber(e164) : listClaimsForNumber(e164, null),
    shared ? listPublicComments(e164) : listComments(e164, null),
  ]);
  const claimIds = claims.flatMap((claim) => (claim.id ? [claim.id] : []));
  const [votes, marks, watching, speaksFor] = await Promise.all([
    votesOf(actor.id, claimIds),
    viewerMarks(comments.threads, actor),
    isWatching(actor.id, e164),
    actor.suspendedAt ? Promise.resolve([]) : listOrganisationsSpeakingOn(actor.id, e164),
  ]);
  return { watching, votes: Object.fromEntries(votes), comments: marks, speaksFor };
}
