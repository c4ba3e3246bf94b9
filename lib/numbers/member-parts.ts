import "server-only";
import { isModerator, STAFF_ROLES } from "../accounts/roles";
import { listComments, marksFrom, type CommentPage } from "../comments/comment";
import { commentIdsOf, type CommentMarks } from "../comments/marks";
import { readActorWith, type Actor } from "../accounts/authz";
import { LATEST_REPORTS } from "./page";
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
  /** Staff only: what they read on the page that others do not (hidden texts). */
  staff?: StaffNumberTexts;
};

/**
 * What staff read on a number's page beyond what everyone does: the latest reports' texts (by report id) where
 * the number's privacy rule hides them (else none), and the first page of comments read for them (hidden ones
 * with their text). The page everyone shares shows none of it; GET /api/me answers it to staff alone.
 */
export type StaffNumberTexts = {
  reports: Record<string, { body: string | null; callerIdName: string | null }>;
  comments: CommentPage;
};

/**
 * A member's own rows on a number's page, read beside their user row (readActorWith: u the user, $2 the
 * number, $3 the claims, $4 the comments). GET /api/me asks it on every member's view of a number, so the
 * session's user and their parts cost one round trip together. For staff (u's role among $5) and only when $6
 * (the shared page holds the reports' texts back), also the texts of the number's latest $7 reports, in the
 * order the page lists them (lib/numbers/member-parts.db.test.ts holds them equal to the page rendered for staff),
 * and whether it has any comment at all.
 */
const OWN_ROWS_SQL = `
    COALESCE((SELECT json_agg(json_build_object('claimId', v."claimId", 'legitimate', v.legitimate))
              FROM "Vote" v WHERE v."userId" = u.id AND v."claimId" = ANY($3::text[])), '[]') AS votes,
    COALESCE((SELECT json_agg(json_build_object('id', c.id, 'body', c.body, 'createdAt', (extract(epoch FROM c."createdAt") * 1000)::bigint,
                                                'hidden', c."hiddenAt" IS NOT NULL, 'removed', c."deletedAt" IS NOT NULL))
              FROM "Comment" c WHERE c."authorId" = u.id AND c.id = ANY($4::text[])), '[]') AS own,
    COALESCE((SELECT json_agg(f."commentId") FROM "Flag" f WHERE f."flaggerId" = u.id AND f."commentId" = ANY($4::text[])), '[]') AS flagged,
    EXISTS (SELECT 1 FROM "Watch" w WHERE w."userId" = u.id AND w.e164 = $2) AS watching,
    COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name, o.id)
              FROM "OrganisationRepresentative" r JOIN "Organisation" o ON o.id = r."organisationId"
              WHERE u."suspendedAt" IS NULL AND r."userId" = u.id AND r.status = 'ACTIVE' AND o.status = 'ACTIVE'
                AND EXISTS (SELECT 1 FROM "Claim" cl WHERE cl."organisationId" = o.id AND cl.e164 = $2)), '[]') AS speaks,
    CASE WHEN $6::boolean AND u.role::text = ANY($5::text[]) THEN json_build_object(
      'reports', COALESCE((SELECT json_agg(json_build_object('id', r.id, 'body', r.body, 'callerIdName', r."callerIdName") ORDER BY r."occurredAt" DESC, r.id DESC)
                           FROM (SELECT id, body, "callerIdName", "occurredAt" FROM "Report" WHERE e164 = $2 AND "hiddenAt" IS NULL
                                 ORDER BY "occurredAt" DESC, id DESC LIMIT $7::int) r), '[]'),
      'anyComment', EXISTS (SELECT 1 FROM "Comment" c WHERE c.e164 = $2))
    END AS "staffRows"`;

/**
 * A member's view of a number: who they are now and their parts of its page, or null when the user is gone
 * or (with a session version, or the session's id) the session has been ended. The claims and first page of comments come from
 * the data cache (or, with read replicas, afresh from the primary, as the page does for members then), the
 * user and their own rows afresh, in one statement (lib/numbers/member-parts.db.test.ts holds everyone's
 * page with these marks equal to the page read for the member).
 */
export async function memberNumberView(
  userId: string,
  sessionVersion: number | undefined,
  e164: string,
  { staffTexts = true, sid }: { staffTexts?: boolean; sid?: string } = {},
): Promise<{ actor: Actor; parts: MemberNumberParts } | null> {
  const [claims, comments] = await Promise.all([claimsEveryoneSees(e164, true), commentsEveryoneSees(e164, true)]);
  const claimIds = claims.flatMap((claim) => (claim.id ? [claim.id] : []));
  const textsHeld = !comments.visibility.visible;
  const read = await readActorWith<OwnRows>(userId, sessionVersion, OWN_ROWS_SQL, [e164, claimIds, commentIdsOf(comments.threads), STAFF_ROLES, staffTexts && textsHeld, LATEST_REPORTS], sid);
  if (!read) return null;
  const { actor, row } = read;
  // Staff (and only staff) also get the texts others do not see, where the shared page holds some back.
  const staff = staffTexts && isModerator(actor) ? await staffNumberTexts(actor, e164, comments, row.staffRows) : undefined;
  return {
    actor,
    parts: {
      ...(staff ? { staff } : {}),
      watching: row.watching,
      votes: Object.fromEntries(row.votes.map((vote) => [vote.claimId, vote.legitimate])),
      comments: marksFrom(
        row.own.map((comment) => ({ ...comment, createdAt: new Date(Number(comment.createdAt)) })),
        row.flagged,
      ),
      speaksFor: row.speaks,
    },
  };
}

/**
 * Staff's texts on a number's page, where the page everyone shares (`shared`: its first page of comments, whose
 * visibility is the number's privacy rule for everyone) holds some back: the reports' texts when the rule hides
 * them, and the comments as staff read them when the rule hides them or a comment on that page is hidden. None
 * (and no read) when the shared page already shows every text.
 */
async function staffNumberTexts(actor: Actor, e164: string, shared: CommentPage, rows: StaffRows | null): Promise<StaffNumberTexts | undefined> {
  const hiddenComment = shared.threads.some((thread) => thread.state === "HIDDEN" || thread.replies.some((reply) => reply.state === "HIDDEN"));
  // rows: read only when the texts are held back.
  if (!rows && !hiddenComment) return undefined;
  // The reports' texts came with the user's row; the comments as staff read them are a read of their own,
  // unless the number has no comment at all, when staff's page is the empty one they may read.
  const comments: CommentPage =
    rows?.anyComment === false ? { visibility: { visible: true }, threads: [], next: null, total: shared.total } : await listComments(e164, actor);
  const reports = Object.fromEntries((rows?.reports ?? []).map((report) => [report.id, { body: report.body, callerIdName: report.callerIdName }]));
  return { reports, comments };
}

const NO_PARTS: MemberNumberParts = { watching: false, votes: {}, comments: {}, speaksFor: [] };

/**
 * A signed-in actor's parts of a number's page (the page rendered for them), by the same statement. A page
 * rendered for staff already reads their texts, so none are added here.
 */
export async function memberNumberParts(actor: { id: string }, e164: string): Promise<MemberNumberParts> {
  return (await memberNumberView(actor.id, undefined, e164, { staffTexts: false }))?.parts ?? NO_PARTS;
}

/** Staff's rows read beside the user's, where the texts are held back. */
type StaffRows = { reports: { id: string; body: string | null; callerIdName: string | null }[]; anyComment: boolean };

type OwnRows = {
  votes: { claimId: string; legitimate: boolean }[];
  own: { id: string; body: string; createdAt: number | string; hidden: boolean; removed: boolean }[];
  flagged: string[];
  watching: boolean;
  speaks: { id: string; name: string }[];
  /** Null unless staff and the texts are held back. */
  staffRows: StaffRows | null;
};
