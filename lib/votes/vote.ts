import "server-only";
import type { Role } from "../generated/prisma/enums";
import { randomBytes } from "node:crypto";
import { refreshListingAfterWrite } from "../feeds/listing";
import { cacheTags, invalidateTags } from "../platform/data-cache";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { log } from "../platform/log";
import { refreshDueTrustLevels, refreshTrustLevels } from "../trust/legitimacy";
import { keptLegitimacy, keptTrust, voteDelta, type KeptVote } from "../trust/kept";
import { Prisma } from "../generated/prisma/client";
import { normalisePhone } from "../numbers/phone";
import { consumeLimit, consumeLimits, type LimitSpend } from "../platform/rate-limit";
import { brigadingSignals, THRESHOLDS } from "../trust/rules";
import { castVoteSchema, withdrawVoteSchema } from "./schema";

/** The organisation-less claim's key: NULLs are distinct in a unique index, so "-" stands in. */
export const NO_ORGANISATION = "-";

/** Where a write comes from, for per-address limits (actions pass clientAddress()). */
export type WriteContext = { address?: string };

/** Creates the number's row on first contact (a vote or comment on a number nobody reported yet). */
export async function ensureNumberRow(tx: Tx | typeof db, e164: string): Promise<void> {
  if (await tx.phoneNumber.findUnique({ where: { e164 }, select: { e164: true } })) return;
  const parsed = normalisePhone(e164);
  if (!parsed.ok || parsed.phone.e164 !== e164) throw new AppError("INVALID", "That is not a phone number we can read.");
  // ON CONFLICT DO NOTHING: Prisma's upsert is a read then a write, which races.
  await tx.phoneNumber.createMany({ data: [{ e164, country: parsed.phone.country, type: parsed.phone.type }], skipDuplicates: true });
}

/**
 * The number's organisation-less claim ("is this number legitimate?"), created when first needed:
 * one read when it exists, one more statement (number and claim together) when it does not.
 */
export async function ensureNumberClaim(e164: string): Promise<{ id: string }> {
  const found = await db.claim.findUnique({ where: { e164_organisationKey: { e164, organisationKey: NO_ORGANISATION } }, select: { id: true } });
  if (found) return found;
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

/** Votes queue for a pooled connection and for their claim's row under a burst: allow for the wait. */
const TX_OPTIONS = { maxWait: 120_000, timeout: 30_000 };

/** The vote panel's figures for one claim, as they stand after the vote (no page re-render needed). */
export type VotePanelUpdate = { claimId: string; legitVotes: number; notLegitVotes: number; legitBound: number; notLegitBound: number; myVote: boolean | null };

export type VoteOutcome = { claimId: string; legitimate: boolean | null; alerts: string[]; panel: VotePanelUpdate };

type ClaimCounters = { legitVotes: number; notLegitVotes: number; legitScaled: number; notLegitScaled: number };

function panelFor(claimId: string, counters: ClaimCounters, myVote: boolean | null, now: Date): VotePanelUpdate {
  const weights = keptLegitimacy(counters, now);
  return { claimId, legitVotes: counters.legitVotes, notLegitVotes: counters.notLegitVotes, legitBound: weights.legitBound, notLegitBound: weights.notLegitBound, myVote };
}

/**
 * Locks the voter's row (every change to their votes or their weight queues behind it, so the read
 * of their current vote cannot go stale) and brings their stored trust level up to date.
 * Lock order everywhere: user → claim.
 */
async function lockVoter(tx: Tx, userId: string, now: Date): Promise<number> {
  const [user] = await tx.$queryRaw<
    { role: Role; createdAt: Date; emailVerified: Date | null; suspendedAt: Date | null; visibleReportCount: number; trustLevel: string }[]
  >`SELECT role::text AS role, "createdAt", "emailVerified", "suspendedAt", "visibleReportCount", "trustLevel" FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to do that.");
  const kept = keptTrust({ ...user, visibleReports: user.visibleReportCount }, now);
  if (kept.level !== user.trustLevel) await refreshTrustLevels(tx, [userId], now);
  return kept.weight;
}

async function currentVote(tx: Tx, claimId: string, userId: string) {
  const rows = await tx.$queryRaw<{ e164: string; legitimate: boolean | null; weight: number | null; updatedAt: Date | null }[]>`
    SELECT c.e164, v.legitimate, v.weight, v."updatedAt" FROM "Claim" c LEFT JOIN "Vote" v ON v."claimId" = c.id AND v."userId" = ${userId} WHERE c.id = ${claimId}`;
  if (!rows[0]) throw new AppError("NOT_FOUND", "That claim no longer exists.");
  const { e164, legitimate, weight, updatedAt } = rows[0];
  return { e164, vote: legitimate === null ? null : { legitimate, weight: weight!, castAt: updatedAt! } };
}

/** Moves the claim's counters and kept sums by one vote's change, returning them as they now stand. */
async function moveCounters(tx: Tx, claimId: string, before: KeptVote | null, after: KeptVote | null, now: Date, voteSql?: Prisma.Sql) {
  const delta = voteDelta(before, after);
  const legit = Number(after?.legitimate === true) - Number(before?.legitimate === true);
  const notLegit = Number(after?.legitimate === false) - Number(before?.legitimate === false);
  const [counters] = await tx.$queryRaw<ClaimCounters[]>`
    ${voteSql ?? Prisma.empty}
    UPDATE "Claim" SET "legitVotes" = "legitVotes" + ${legit}, "notLegitVotes" = "notLegitVotes" + ${notLegit},
           "legitScaled" = "legitScaled" + ${delta.legit}::float8, "notLegitScaled" = "notLegitScaled" + ${delta.notLegit}::float8, "updatedAt" = ${now}
     WHERE id = ${claimId}
    RETURNING "legitVotes", "notLegitVotes", "legitScaled", "notLegitScaled"`;
  return counters;
}

/**
 * Casts or changes the actor's vote on a claim (one per member per claim). Round trips: the rate
 * limits, the claim by number when no id is given, then one transaction of three statements (lock the
 * voter, read their vote, write the vote and the claim's counters together); brigading rules run after
 * it commits. Answers with the claim's new vote-panel figures.
 */
export async function castVote(actor: Actor | null, input: unknown, context: WriteContext = {}): Promise<VoteOutcome> {
  assertCanWrite(actor);
  const data = parseOrThrow(castVoteSchema, input);
  await spendVoteLimits(actor, context);
  const claimId = data.claimId ?? (await ensureNumberClaim(data.e164!)).id;
  const now = new Date();
  const outcome = await db.$transaction(async (tx) => {
    const weight = await lockVoter(tx, actor.id, now);
    const { e164, vote: before } = await currentVote(tx, claimId, actor.id);
    if (before?.legitimate === data.legitimate) return null;
    const after: KeptVote = { legitimate: data.legitimate, weight, castAt: now };
    const upsert = Prisma.sql`WITH v AS (
      INSERT INTO "Vote" (id, "claimId", "userId", legitimate, weight, "createdAt", "updatedAt")
      VALUES (${newId()}, ${claimId}, ${actor.id}, ${data.legitimate}, ${weight}::float8, ${now}, ${now})
      ON CONFLICT ("claimId", "userId") DO UPDATE SET legitimate = EXCLUDED.legitimate, weight = EXCLUDED.weight, "updatedAt" = EXCLUDED."updatedAt")`;
    return { ...(await moveCounters(tx, claimId, before, after, now, upsert)), e164 };
  }, TX_OPTIONS);
  // Pages that show the claim (a new organisation-less claim: the number's page) are dropped from the data cache.
  if (outcome) invalidateTags(cacheTags.claim(claimId), ...(data.e164 ? [cacheTags.number(data.e164)] : []));
  const counters = outcome ?? (await db.claim.findUniqueOrThrow({ where: { id: claimId }, select: { legitVotes: true, notLegitVotes: true, legitScaled: true, notLegitScaled: true } }));
  if (outcome) refreshListingSoon(outcome.e164);
  if (outcome) sweepDueTrustLevelsSoon(now);
  const alerts = outcome ? await brigadingCheckAfter(claimId) : [];
  return { claimId, legitimate: data.legitimate, alerts, panel: panelFor(claimId, counters, data.legitimate, now) };
}

/**
 * The number's feed listing follows the vote in the background: a vote is a small, frequent write, and
 * refreshes of one number are coalesced (lib/feeds/listing.ts), so a burst of votes costs one or two.
 */
function refreshListingSoon(e164: string): void {
  // refreshListingAfterWrite logs its own failures and never rejects.
  void refreshListingAfterWrite(e164);
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

export async function withdrawVote(actor: Actor | null, input: unknown): Promise<{ claimId: string; panel: VotePanelUpdate }> {
  assertCanWrite(actor);
  const { claimId } = parseOrThrow(withdrawVoteSchema, input);
  await consumeLimit("vote", actor.id, "You have voted a lot today");
  const now = new Date();
  const counters = await db.$transaction(async (tx) => {
    await lockVoter(tx, actor.id, now);
    const { e164, vote: before } = await currentVote(tx, claimId, actor.id);
    if (!before) return null;
    const remove = Prisma.sql`WITH v AS (DELETE FROM "Vote" WHERE "claimId" = ${claimId} AND "userId" = ${actor.id})`;
    return { ...(await moveCounters(tx, claimId, before, null, now, remove)), e164 };
  }, TX_OPTIONS);
  if (counters) invalidateTags(cacheTags.claim(claimId));
  if (counters) refreshListingSoon(counters.e164);
  const current = counters ?? (await db.claim.findUniqueOrThrow({ where: { id: claimId }, select: { legitVotes: true, notLegitVotes: true, legitScaled: true, notLegitScaled: true } }));
  return { claimId, panel: panelFor(claimId, current, null, now) };
}

/**
 * Evaluates the brigading rules over the claim's recent votes after the vote committed (the claim's
 * row is not held meanwhile) and opens an alert for each rule broken, at most one unresolved alert
 * per claim and kind. A transaction-scoped advisory lock makes the check-then-insert exclusive per
 * claim; in one process, votes that commit while a check runs share the next one (brigadingCheckAfter).
 */
async function checkBrigading(claimId: string, now: Date): Promise<string[]> {
  return db.$transaction(async (tx) => {
    // Checks of one claim take turns (across processes too): each reads the votes the one before it saw
    // and any committed since. In one process they are already shared, so few ever wait here.
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('brigading:' || ${claimId}))) AS held`;
    const since = new Date(now.getTime() - THRESHOLDS.brigading.windowHours * 3_600_000);
    const recent = await tx.$queryRaw<{ castAt: Date; weight: number; voterCreatedAt: Date; open: string[] }[]>`
      SELECT v."updatedAt" AS "castAt", v.weight, u."createdAt" AS "voterCreatedAt",
             ARRAY(SELECT kind FROM "ClaimAlert" WHERE "claimId" = ${claimId} AND "resolvedAt" IS NULL) AS open
        FROM "Vote" v JOIN "User" u ON u.id = v."userId" WHERE v."claimId" = ${claimId} AND v."updatedAt" >= ${since}`;
    const open = new Set(recent[0]?.open ?? []);
    const opened = brigadingSignals(recent, now).filter((kind) => !open.has(kind));
    for (const kind of opened) {
      await tx.claimAlert.create({ data: { claimId, kind, detail: { votesInWindow: recent.length, at: now.toISOString() } } });
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
