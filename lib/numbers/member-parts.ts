import "server-only";
import { marksFrom } from "../comments/comment";
import { commentIdsOf, type CommentMarks } from "../comments/marks";
import { db } from "../platform/db";
import { claimsEveryoneSees, commentsEveryoneSees } from "./public-page";

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
 * does for members then), their own rows afresh, in one statement (this runs on every member's view of
 * a number; lib/numbers/member-parts.db.test.ts holds everyone's page with these marks equal to the page
 * read for the member).
 */
export async function memberNumberParts(actor: { id: string; suspendedAt: Date | null }, e164: string): Promise<MemberNumberParts> {
  const [claims, comments] = await Promise.all([claimsEveryoneSees(e164, true), commentsEveryoneSees(e164, true)]);
  const claimIds = claims.flatMap((claim) => (claim.id ? [claim.id] : []));
  const commentIds = commentIdsOf(comments.threads);
  const speaks = actor.suspendedAt === null;
  const [row] = await db.$queryRaw<[OwnRows]>`
    SELECT
      COALESCE((SELECT json_agg(json_build_object('claimId', v."claimId", 'legitimate', v.legitimate))
                FROM "Vote" v WHERE v."userId" = ${actor.id} AND v."claimId" = ANY(${claimIds}::text[])), '[]') AS votes,
      COALESCE((SELECT json_agg(json_build_object('id', c.id, 'body', c.body, 'createdAt', (extract(epoch FROM c."createdAt") * 1000)::bigint,
                                                  'hidden', c."hiddenAt" IS NOT NULL, 'removed', c."deletedAt" IS NOT NULL))
                FROM "Comment" c WHERE c."authorId" = ${actor.id} AND c.id = ANY(${commentIds}::text[])), '[]') AS own,
      COALESCE((SELECT json_agg(f."commentId") FROM "Flag" f WHERE f."flaggerId" = ${actor.id} AND f."commentId" = ANY(${commentIds}::text[])), '[]') AS flagged,
      EXISTS (SELECT 1 FROM "Watch" w WHERE w."userId" = ${actor.id} AND w.e164 = ${e164}) AS watching,
      COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name, o.id)
                FROM "OrganisationRepresentative" r JOIN "Organisation" o ON o.id = r."organisationId"
                WHERE ${speaks} AND r."userId" = ${actor.id} AND r.status = 'ACTIVE' AND o.status = 'ACTIVE'
                  AND EXISTS (SELECT 1 FROM "Claim" cl WHERE cl."organisationId" = o.id AND cl.e164 = ${e164})), '[]') AS speaks`;
  return {
    watching: row.watching,
    votes: Object.fromEntries(row.votes.map((vote) => [vote.claimId, vote.legitimate])),
    comments: marksFrom(
      row.own.map((comment) => ({ ...comment, createdAt: new Date(Number(comment.createdAt)) })),
      row.flagged,
    ),
    speaksFor: row.speaks,
  };
}

type OwnRows = {
  votes: { claimId: string; legitimate: boolean }[];
  own: { id: string; body: string; createdAt: number | string; hidden: boolean; removed: boolean }[];
  flagged: string[];
  watching: boolean;
  speaks: { id: string; name: string }[];
};
