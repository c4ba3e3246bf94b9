import "server-only";
import type { Role } from "../generated/prisma/enums";
import { randomBytes } from "node:crypto";
import { refreshListingLater } from "../feeds/listing";
import { cached, cacheTags, invalidateTags } from "../platform/data-cache";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db, sql, sqlIn, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { log } from "../platform/log";
import { refreshDueTrustLevels, reweighNow } from "../trust/legitimacy";
import { HALF_LIFE_MS, KEPT_EPOCH_MS, keptLegitimacy, keptTrust } from "../trust/kept";
import { normalisePhone } from "../numbers/phone";
import { consumeLimit, consumeLimits, type LimitSpend } from "../platform/rate-limit";
import { brigadingSignalsOf, type BrigadeSummary } from "../trust/brigading";
import { THRESHOLDS } from "../trust/rules";
import { castVoteSchema, withdrawVoteSchema } from "./schema";

/** The organisation-less claim's key: NULLs are distinct in a unique index, so "-" stands in. */
export const NO_ORGANISATION = "-";

/** Where a write comes from, for per-address limits (actions pass clientAddress()). */
export type WriteContext = { address?: string };

/**
 * The number's organisation-less claim ("is this number legitimate?"), created when first needed:
 * one read when it exists, one more statement (number and claim together) when it does not.
 */
export async function ensureNumberClaim(e164: string): Promise<{ id: string }> {
  const [found] = await sql<{ id: string; organisationKey: string }>(
    `SELECT id, "organisationKey" FROM "Claim" WHERE e164 = $1 AND ("organisationKey" = $2 OR "organisationId" IS NOT NULL)
      ORDER BY ("organisationKey" = $2) DESC LIMIT 1`,
    [e164, NO_ORGANISATION],
  );
  if (found?.organisationKey === NO_ORGANISATION) return { id: found.id };
  // One vote panel per number: where callers named an organisation, the question is whether it is really them.
  if (found) throw new AppError("CONFLICT", "Callers named an organisation for this number: vote on whether it is really them (send that claim's claimId).");
  const parsed = normalisePhone(e164);
  if (!parsed.ok || parsed.phone.e164 !== e164) throw new AppError("INVALID", "That is not a phone number we can read.");
  // DO UPDATE (a no-op) rather than DO NOTHING, so RETURNING answers for a claim a racing vote created.
  const [claim] = await db.$queryRaw<{ id: string }[]>`
    WITH n AS (INSERT INTO "PhoneNumber" (e164, country, type, "updatedAt")
               VALUES (${e164}, ${parsed.phone.country}, ${parsed.phone.type}::"NumberType", now()) ON CONFLICT (e164) DO NOTHING)
    INSERT INTO "Claim" (id, e164, "organisationKey", source, "updatedAt") VALUES (${newId()}, ${e164}, ${NO_ORGANISATION}, 'VOTE', now())
    ON CONFLICT (e164, "organisationKey") DO UPDATE SET "organisationKey" = EXCLUDED."organisationKey"
    RETURNING id`;
  return claim;
}

async function spendVoteLimits(actor: Actor, context: WriteContext) {
  await consumeLimits([
    ["vote", actor.id, "You have voted a lot today"],
    ...(context.address ? [["vote-address", context.address, "Many votes came from your network today"] as LimitSpend] : []),
  ]);
}

/** The brigading check's transaction (only when it opens an alert) queues for a pooled connection under a burst: allow for the wait. */
const TX_OPTIONS = { maxWait: 120_000, timeout: 30_000 };

/** The vote panel's figures for one claim, as they stand after the vote (no page re-render needed). */
export type VotePanelUpdate = { claimId: string; legitVotes: number; notLegitVotes: number; legitBound: number; notLegitBound: number; myVote: boolean | null };

export type VoteOutcome = { claimId: string; legitimate: boolean | null; alerts: string[]; panel: VotePanelUpdate };

type ClaimCounters = { legitVotes: number; notLegitVotes: number; legitScaled: number; notLegitScaled: number };

function panelFor(claimId: string, counters: ClaimCounters, myVote: boolean | null, now: Date): VotePanelUpdate {
  const weights = keptLegitimacy(counters, now);
  return { claimId, legitVotes: counters.legitVotes, notLegitVotes: counters.notLegitVotes, legitBound: weights.legitBound, notLegitBound: weights.notLegitBound, myVote };
}

type VoteRow = ClaimCounters & {
  outcome: "no-user" | "no-claim" | "unchanged" | "changed";
  e164: string | null;
  role: Role;
  createdAt: Date;
  emailVerified: Date | null;
  suspendedAt: Date | null;
  visibleReportCount: number;
  trustLevel: string;
};

const WEIGHTS = JSON.stringify(THRESHOLDS.weights);

/**
 * One vote in one round trip: callercheck_vote (prisma/migrations/…_cast_vote_function) locks the voter
 * (every change to their votes or their weight queues behind it; lock order user → claim everywhere),
 * reads their vote on the claim, writes or deletes it and moves the claim's counters and kept sums by
 * kept.ts voteDelta's arithmetic, in one transaction. `legitimate` null withdraws.
 *
 * The vote is weighed at the voter's stored trust level. When time alone has moved their level since
 * it was stored (a first day ending; the sweep after votes normally gets there first), the level is
 * brought up to date at once and every vote of theirs, this one included, re-weighed (reweighNow): the
 * same sums as refreshing before the vote, one transaction later (and if that fails, the vote stands and
 * the trust sweep re-weighs them).
 */
async function writeVote(userId: string, claimId: string, legitimate: boolean | null, now: Date): Promise<VoteRow> {
  const [row] = await sql<VoteRow>(
    `SELECT * FROM callercheck_vote($1, $2, $3::boolean, $4::timestamp(3), $5, $6::jsonb, $7::float8, $8::float8)`,
    [userId, claimId, legitimate, now, newId(), WEIGHTS, KEPT_EPOCH_MS, HALF_LIFE_MS],
  );
  if (row.outcome === "no-user") throw new AppError("UNAUTHENTICATED", "Sign in to do that.");
  if (row.outcome === "no-claim") throw new AppError("NOT_FOUND", "That claim no longer exists.");
  if (keptTrust({ ...row, visibleReports: row.visibleReportCount }, now).level === row.trustLevel) return row;
  // The vote is stored whatever happens next; the panel shows the re-weighed figures when they could be read.
  if (!(await reweighNow(userId, now))) return row;
  const counters = await db.claim
    .findUnique({ where: { id: claimId }, select: { legitVotes: true, notLegitVotes: true, legitScaled: true, notLegitScaled: true } })
    .catch(() => null);
  return counters ? { ...row, ...counters } : row;
}

/**
 * Casts or changes the actor's vote on a claim (one per member per claim). Round trips: the rate
 * limits, the claim by number when no id is given, then the vote in one statement (writeVote);
 * brigading rules run after it commits. Answers with the claim's new vote-panel figures.
 */
export async function castVote(actor: Actor | null, input: unknown, context: WriteContext = {}): Promise<VoteOutcome> {
  assertCanWrite(actor);
  const data = parseOrThrow(castVoteSchema, input);
  await spendVoteLimits(actor, context);
  const claimId = data.claimId ?? (await ensureNumberClaim(data.e164!)).id;
  const now = new Date();
  const written = await writeVote(actor.id, claimId, data.legitimate, now);
  const changed = written.outcome === "changed";
  // Pages that show the claim (a new organisation-less claim: the number's page) are dropped from the data cache.
  if (changed) await dropClaimPages(claimId, data.e164);
  // The number's feed listing follows within a second, off the vote's path (one refresh a second per number in a burst).
  if (changed) refreshListingLater(written.e164!);
  if (changed) sweepDueTrustLevelsSoon(now);
  const alerts = changed ? await brigadingCheckAfter(claimId) : [];
  return { claimId, legitimate: data.legitimate, alerts, panel: panelFor(claimId, written, data.legitimate, now) };
}

/** Level changes that time alone brings (lib/trust/legitimacy.ts), swept after votes: at most once a second per process, off the answer's path. */
let lastTrustSweep = 0;
function sweepDueTrustLevelsSoon(now: Date): void {
  if (now.getTime() - lastTrustSweep < 1_000) return;
  lastTrustSweep = now.getTime();
  void refreshDueTrustLevels(now, 20).catch((error: unknown) => log.error({ err: error }, "trust level sweep after a vote failed"));
}

/**
 * The brigading check that covers a committed vote, shared: while a check of the claim runs, votes that
 * commit meanwhile wait for one more check, which starts when it ends and sees all of them. A burst of
 * votes on one claim costs two checks at a time, not one per vote; a vote still answers with the
 * alerts the check covering it opened (lib/votes/vote.db.test.ts).
 */
const brigadingChecks = new Map<string, { running: Promise<string[]>; queued: Promise<string[]> | null }>();

function brigadingCheckAfter(claimId: string): Promise<string[]> {
  const slot = brigadingChecks.get(claimId);
  if (!slot) return startBrigadingCheck(claimId);
  slot.queued ??= slot.running.then(ignore, ignore).then(() => startBrigadingCheck(claimId));
  return slot.queued;
}

function startBrigadingCheck(claimId: string): Promise<string[]> {
  // The votes are stored whatever happens here: a failed check is logged, and the next vote's check
  // sees them too.
  const running = checkBrigading(claimId, new Date()).catch((error: unknown) => {
    log.error({ err: error, claimId }, "brigading check after a vote failed");
    return [] as string[];
  });
  const slot = { running, queued: null as Promise<string[]> | null };
  brigadingChecks.set(claimId, slot);
  void running.then(() => {
    // A queued check takes the slot over when it starts; until then, votes keep joining it.
    if (brigadingChecks.get(claimId) === slot && slot.queued === null) brigadingChecks.delete(claimId);
  });
  return running;
}

const ignore = () => undefined;

/**
 * Drops the cached pages that show a claim's votes: its number's page (tagged with the claim) and the page of the
 * organisation it names, whose numbers list their votes and whose reputation sums them. The claim's organisation
 * is read through the data cache (a merge, which moves claims, is audited and so drops it).
 */
async function dropClaimPages(claimId: string, e164?: string): Promise<void> {
  const organisationId = await cached(`claim-organisation:${claimId}`, ["claim-organisation"], async () =>
    (await db.claim.findUnique({ where: { id: claimId }, select: { organisationId: true } }))?.organisationId ?? null,
  ).catch(() => null);
  invalidateTags(cacheTags.claim(claimId), ...(e164 ? [cacheTags.number(e164)] : []), ...(organisationId ? [cacheTags.organisation(organisationId)] : []));
}

export async function withdrawVote(actor: Actor | null, input: unknown): Promise<{ claimId: string; panel: VotePanelUpdate }> {
  assertCanWrite(actor);
  const { claimId } = parseOrThrow(withdrawVoteSchema, input);
  await consumeLimit("vote", actor.id, "You have voted a lot today");
  const now = new Date();
  const written = await writeVote(actor.id, claimId, null, now);
  if (written.outcome === "changed") {
    await dropClaimPages(claimId);
    refreshListingLater(written.e164!);
  }
  return { claimId, panel: panelFor(claimId, written, null, now) };
}

/**
 * The four figures the brigading rules read (lib/trust/brigading.ts brigadeSummary), summed in the database over the
 * claim's votes in the window, with the alerts already open on it: one row, however many votes.
 */
export async function readBrigadeSummary(tx: Tx | null, claimId: string, now: Date): Promise<BrigadeSummary & { votes: number; open: string[] }> {
  const rule = THRESHOLDS.brigading;
  const since = new Date(now.getTime() - rule.windowHours * 3_600_000);
  const newSince = new Date(now.getTime() - rule.newAccountDays * 86_400_000);
  const burstSince = new Date(now.getTime() - rule.burstWindowMinutes * 60_000);
  const [row] = await sqlIn<BrigadeSummary & { votes: number; open: string[] }>(
    tx,
    `SELECT coalesce(sum(v.weight), 0)::float8 AS weight,
            coalesce(sum(v.weight) FILTER (WHERE u."createdAt" > $2::timestamp), 0)::float8 AS "newWeight",
            count(*) FILTER (WHERE u."createdAt" > $2::timestamp)::int AS "newVotes",
            count(*) FILTER (WHERE v."updatedAt" >= $3::timestamp)::int AS "burstVotes",
            count(*)::int AS votes,
            ARRAY(SELECT kind::text FROM "ClaimAlert" WHERE "claimId" = $1 AND "resolvedAt" IS NULL) AS open
       FROM "Vote" v JOIN "User" u ON u.id = v."userId" WHERE v."claimId" = $1 AND v."updatedAt" >= $4::timestamp`,
    [claimId, newSince, burstSince, since],
  );
  return row;
}

/**
 * Evaluates the brigading rules over the claim's recent votes after the vote committed (the claim's
 * row is not held meanwhile) and opens an alert for each rule broken, at most one unresolved alert
 * per claim and kind. Most checks open nothing: one statement of four sums. When one would open an
 * alert, a transaction-scoped advisory lock makes the check-then-insert exclusive per claim (across
 * processes too); in one process, votes that commit while a check runs share the next one
 * (brigadingCheckAfter).
 */
async function checkBrigading(claimId: string, now: Date): Promise<string[]> {
  const first = await readBrigadeSummary(null, claimId, now);
  const open = new Set(first.open);
  if (brigadingSignalsOf(first).every((kind) => open.has(kind))) return [];
  return db.$transaction(async (tx) => {
    // Checks of one claim take turns: each reads the votes and alerts the one before it saw, and any committed since.
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('brigading:' || ${claimId}))) AS held`;
    const summary = await readBrigadeSummary(tx, claimId, now);
    const open = new Set(summary.open);
    const opened = brigadingSignalsOf(summary).filter((kind) => !open.has(kind));
    for (const kind of opened) {
      await tx.claimAlert.create({ data: { claimId, kind, detail: { votesInWindow: summary.votes, at: now.toISOString() } } });
    }
    return opened;
  }, TX_OPTIONS);
}

/** A collision-resistant id in the same alphabet as Prisma's cuid(), for rows inserted with raw SQL. */
function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}

export type ClaimForPanel = {
  /** Null for a number's organisation-less claim that nobody has voted on yet. */
  id: string | null;
  status: "UNVERIFIED" | "VERIFIED" | "REVOKED" | "REJECTED";
  organisation: { name: string; slug: string } | null;
  legitVotes: number;
  notLegitVotes: number;
  /** Wilson lower bounds of the weighted shares (0 when there are no votes). */
  legitBound: number;
  notLegitBound: number;
  myVote: boolean | null;
};

const STATUS_ORDER = { VERIFIED: 0, UNVERIFIED: 1, REJECTED: 2, REVOKED: 3 } as const;

/** A member's own votes on these claims (claim id → legitimate), one read. */
export async function votesOf(userId: string, claimIds: string[]): Promise<Map<string, boolean>> {
  if (claimIds.length === 0) return new Map();
  const votes = await db.vote.findMany({ where: { userId, claimId: { in: claimIds } }, select: { claimId: true, legitimate: true } });
  return new Map(votes.map((vote) => [vote.claimId, vote.legitimate]));
}

/** Every claim on a number for the vote panel; the organisation-less one is always present. */
export async function listClaimsForNumber(e164: string, viewer: Pick<Actor, "id"> | null): Promise<ClaimForPanel[]> {
  const claims = await db.claim.findMany({
    where: { e164 },
    select: { id: true, status: true, legitVotes: true, notLegitVotes: true, legitScaled: true, notLegitScaled: true, organisation: { select: { name: true, slug: true } } },
  });
  const ids = claims.map((claim) => claim.id);
  const now = new Date();
  const weights = new Map(claims.map((claim) => [claim.id, keptLegitimacy(claim, now)]));
  const myVotes = viewer ? await votesOf(viewer.id, ids) : new Map<string, boolean>();
  const rows: ClaimForPanel[] = claims.map((claim) => ({
    id: claim.id,
    status: claim.status,
    organisation: claim.organisation,
    legitVotes: claim.legitVotes,
    notLegitVotes: claim.notLegitVotes,
    legitBound: weights.get(claim.id)?.legitBound ?? 0,
    notLegitBound: weights.get(claim.id)?.notLegitBound ?? 0,
    myVote: myVotes.get(claim.id) ?? null,
  }));
  if (!rows.some((row) => row.organisation === null)) {
    rows.push({ id: null, status: "UNVERIFIED", organisation: null, legitVotes: 0, notLegitVotes: 0, legitBound: 0, notLegitBound: 0, myVote: null });
  }
  return rows.sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Number(a.organisation === null) - Number(b.organisation === null),
  );
}
