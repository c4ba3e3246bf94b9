import "server-only";
import { refreshListingAfterWrite } from "../feeds/listing";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { getClaimLegitimacy } from "../trust/legitimacy";
import { normalisePhone } from "../numbers/phone";
import { consumeLimit } from "../platform/rate-limit";
import { brigadingSignals, THRESHOLDS, trustLevel, weightFor, type TrustLevel } from "../trust/rules";
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

/** The number's organisation-less claim ("is this number legitimate?"), created when first needed. */
export async function ensureNumberClaim(e164: string): Promise<{ id: string }> {
  await ensureNumberRow(db, e164);
  await db.claim.createMany({ data: [{ e164, organisationKey: NO_ORGANISATION, source: "VOTE" }], skipDuplicates: true });
  return db.claim.findUniqueOrThrow({ where: { e164_organisationKey: { e164, organisationKey: NO_ORGANISATION } }, select: { id: true } });
}

async function spendVoteLimits(actor: Actor, context: WriteContext) {
  await consumeLimit("vote", actor.id, "You have voted a lot today");
  if (context.address) await consumeLimit("vote-address", context.address, "Many votes came from your network today");
}

/** Locks the claim row, so every vote change on one claim is serialised and its counters stay exact. */
async function lockClaim(tx: Tx, claimId: string) {
  const rows = await tx.$queryRaw<{ id: string; status: string }[]>`SELECT id, status::text FROM "Claim" WHERE id = ${claimId} FOR UPDATE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", "That claim no longer exists.");
  return rows[0];
}

/** Votes on a busy claim queue for its row lock: allow for the wait. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

export type VoteOutcome = { claimId: string; legitimate: boolean | null; alerts: string[] };

/** Casts or changes the actor's vote on a claim (one per member per claim). */
export async function castVote(actor: Actor | null, input: unknown, context: WriteContext = {}): Promise<VoteOutcome> {
  assertCanWrite(actor);
  const data = parseOrThrow(castVoteSchema, input);
  await spendVoteLimits(actor, context);
  const claimId = data.claimId ?? (await ensureNumberClaim(data.e164!)).id;
  const outcome = await db.$transaction(async (tx) => {
    await lockClaim(tx, claimId);
    const existing = await tx.vote.findUnique({ where: { claimId_userId: { claimId, userId: actor.id } }, select: { legitimate: true } });
    if (existing?.legitimate === data.legitimate) return { claimId, legitimate: data.legitimate, alerts: [] };
    if (existing) {
      await tx.vote.update({ where: { claimId_userId: { claimId, userId: actor.id } }, data: { legitimate: data.legitimate } });
    } else {
      await tx.vote.create({ data: { claimId, userId: actor.id, legitimate: data.legitimate } });
    }
    const plus = data.legitimate ? "legitVotes" : "notLegitVotes";
    const minus = data.legitimate ? "notLegitVotes" : "legitVotes";
    await tx.claim.update({
      where: { id: claimId },
      data: { [plus]: { increment: 1 }, ...(existing ? { [minus]: { decrement: 1 } } : {}) },
    });
    const alerts = await recordBrigading(tx, claimId);
    return { claimId, legitimate: data.legitimate, alerts };
  }, TX_OPTIONS);
  await refreshClaimListing(claimId);
  return outcome;
}

/**
 * The number's feed listing follows the vote in the background: a vote is a small, frequent write, and
 * refreshes of one number are coalesced (lib/feeds/listing.ts), so a burst of votes costs one or two.
 */
async function refreshClaimListing(claimId: string): Promise<void> {
  void db.claim
    .findUnique({ where: { id: claimId }, select: { e164: true } })
    .then((claim) => (claim ? refreshListingAfterWrite(claim.e164) : undefined))
    .catch((error) => console.error("[feeds] refresh after a vote failed", error));
}

export async function withdrawVote(actor: Actor | null, input: unknown): Promise<{ claimId: string }> {
  assertCanWrite(actor);
  const { claimId } = parseOrThrow(withdrawVoteSchema, input);
  await consumeLimit("vote", actor.id, "You have voted a lot today");
  const outcome = await db.$transaction(async (tx) => {
    await lockClaim(tx, claimId);
    const existing = await tx.vote.findUnique({ where: { claimId_userId: { claimId, userId: actor.id } }, select: { id: true, legitimate: true } });
    if (!existing) return { claimId };
    await tx.vote.delete({ where: { id: existing.id } });
    await tx.claim.update({ where: { id: claimId }, data: { [existing.legitimate ? "legitVotes" : "notLegitVotes"]: { decrement: 1 } } });
    return { claimId };
  }, TX_OPTIONS);
  await refreshClaimListing(claimId);
  return outcome;
}

/**
 * Evaluates the brigading rules over the claim's recent votes and opens an alert for each rule broken,
 * at most one unresolved alert per claim and kind. Runs under the claim's row lock, so two votes cannot
 * both open the same alert.
 */
async function recordBrigading(tx: Tx, claimId: string): Promise<string[]> {
  const now = new Date();
  const since = new Date(now.getTime() - THRESHOLDS.brigading.windowHours * 3_600_000);
  const recent = await tx.vote.findMany({
    where: { claimId, updatedAt: { gte: since } },
    select: { userId: true, updatedAt: true, user: { select: { createdAt: true } } },
  });
  const levels = await trustLevelsIn(tx, recent.map((vote) => vote.userId), now);
  const signals = brigadingSignals(
    recent.map((vote) => ({ castAt: vote.updatedAt, voterCreatedAt: vote.user.createdAt, weight: weightFor(levels.get(vote.userId) ?? "TL0") })),
    now,
  );
  const opened: string[] = [];
  for (const kind of signals) {
    const open = await tx.claimAlert.findFirst({ where: { claimId, kind, resolvedAt: null }, select: { id: true } });
    if (open) continue;
    await tx.claimAlert.create({ data: { claimId, kind, detail: { votesInWindow: recent.length, at: now.toISOString() } } });
    opened.push(kind);
  }
  return opened;
}

/** getTrustLevels on the transaction's own connection (a second connection per vote could starve the pool). */
async function trustLevelsIn(tx: Tx, userIds: string[], now: Date): Promise<Map<string, TrustLevel>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const users = await tx.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
  const counts = await tx.report.groupBy({ by: ["reporterId"], where: { reporterId: { in: ids }, hiddenAt: null }, _count: { _all: true } });
  const visible = new Map(counts.map((row) => [row.reporterId, row._count._all]));
  return new Map(users.map((user) => [user.id, trustLevel({ ...user, visibleReports: visible.get(user.id) ?? 0 }, now)]));
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

/** Every claim on a number for the vote panel; the organisation-less one is always present. */
export async function listClaimsForNumber(e164: string, viewer: Pick<Actor, "id"> | null): Promise<ClaimForPanel[]> {
  const claims = await db.claim.findMany({
    where: { e164 },
    select: { id: true, status: true, legitVotes: true, notLegitVotes: true, organisation: { select: { name: true, slug: true } } },
  });
  const ids = claims.map((claim) => claim.id);
  const [weights, mine] = await Promise.all([
    getClaimLegitimacy(ids),
    viewer ? db.vote.findMany({ where: { userId: viewer.id, claimId: { in: ids } }, select: { claimId: true, legitimate: true } }) : [],
  ]);
  const myVotes = new Map(mine.map((vote) => [vote.claimId, vote.legitimate]));
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
