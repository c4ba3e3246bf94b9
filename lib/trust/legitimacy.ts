import "server-only";
import type { Role } from "../generated/prisma/enums";
import { Prisma } from "../generated/prisma/client";
import { db, type Tx } from "../platform/db";
import { AppError } from "../platform/errors";
import { log } from "../platform/log";
import { isModerator } from "../accounts/roles";
import { HALF_LIFE_MS, keptLegitimacy, keptTrust, KEPT_EPOCH_MS } from "./kept";
import { trustLevel, type Legitimacy, type TrustLevel } from "./rules";

/** SQL for a vote's scale 2^((updatedAt − epoch) / half-life), the same as kept.ts scaleAt(). */
export const SQL_VOTE_SCALE = `power(2::float8, (extract(epoch FROM v."updatedAt")::float8 * 1000 - ${KEPT_EPOCH_MS}) / ${HALF_LIFE_MS})`;

/** What a user's trust level is computed from (select it with a relation to skip getTrustLevels' read). */
export const trustSelect = { id: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true, visibleReportCount: true } as const;

/** A user's trust level now, from the fields trustSelect reads. */
export function trustLevelOf(user: { role: Role; createdAt: Date; emailVerified: Date | null; suspendedAt: Date | null; visibleReportCount: number }, now: Date = new Date()): TrustLevel {
  return trustLevel({ ...user, visibleReports: user.visibleReportCount }, now);
}

/** Trust levels for a set of users, now, from their stored inputs (no report counting per view). */
export async function getTrustLevels(userIds: string[], now: Date = new Date()): Promise<Map<string, TrustLevel>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: trustSelect });
  return new Map(users.map((user) => [user.id, trustLevelOf(user, now)]));
}

/** Weighted legitimacy of each claim from its kept sums (two columns, whatever the number of votes). */
export async function getClaimLegitimacy(claimIds: string[], now: Date = new Date()): Promise<Map<string, Legitimacy>> {
  if (claimIds.length === 0) return new Map();
  const claims = await db.claim.findMany({ where: { id: { in: claimIds } }, select: { id: true, legitScaled: true, notLegitScaled: true } });
  const byId = new Map(claims.map((claim) => [claim.id, claim]));
  return new Map(claimIds.map((id) => [id, keptLegitimacy(byId.get(id) ?? { legitScaled: 0, notLegitScaled: 0 }, now)]));
}

/**
 * Brings the users' stored trust level up to date and, where it changed, re-weighs every vote they
 * cast and moves each claim's kept sums by the difference. Call it inside the transaction that
 * changed a trust input (a report hidden, a suspension, a role, a confirmed e-mail), or at once after
 * it with reweighNow where that transaction holds claim rows (a report filed, a vote).
 * Lock order is user → claims (ordered by id), as in castVote, so the two cannot deadlock.
 */
export async function refreshTrustLevels(tx: Tx, userIds: string[], now: Date = new Date()): Promise<void> {
  const ids = [...new Set(userIds)].sort();
  if (ids.length === 0) return;
  const users = await tx.$queryRaw<
    { id: string; role: Role; createdAt: Date; emailVerified: Date | null; suspendedAt: Date | null; visibleReportCount: number; trustLevel: string }[]
  >`SELECT id, role::text AS role, "createdAt", "emailVerified", "suspendedAt", "visibleReportCount", "trustLevel"
      FROM "User" WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR NO KEY UPDATE`;
  for (const user of users) {
    const kept = keptTrust({ ...user, visibleReports: user.visibleReportCount }, now);
    if (kept.level === user.trustLevel) {
      await tx.$executeRaw`UPDATE "User" SET "trustLevelCheckAt" = ${kept.checkAt} WHERE id = ${user.id}`;
      continue;
    }
    await reweighVotes(tx, user.id, kept.weight);
    await tx.$executeRaw`UPDATE "User" SET "trustLevel" = ${kept.level}, "trustLevelCheckAt" = ${kept.checkAt} WHERE id = ${user.id}`;
  }
}

/**
 * After a write that committed with the member's weight behind their level (a vote weighed at a level time
 * had moved; a report that moves it, filed in a transaction holding claim and organisation rows, where
 * re-weighing their other claims could deadlock against a moderator's promotion): bring the level up to date
 * and re-weigh their votes now, in a transaction of its own (lock order user → claims). A failure is logged,
 * not thrown — the write is stored — and the member is left due for refreshDueTrustLevels, which sweeps them
 * within seconds. True when the level was brought up to date here.
 */
export async function reweighNow(userId: string, now: Date = new Date()): Promise<boolean> {
  try {
    await db.$transaction((tx) => refreshTrustLevels(tx, [userId], now), { maxWait: 120_000, timeout: 30_000 });
    return true;
  } catch (error) {
    log.error({ err: error, userId }, "re-weighing a member's votes after their write failed; the trust sweep will");
    await db.$executeRaw`UPDATE "User" SET "trustLevelCheckAt" = ${now} WHERE id = ${userId}`.catch(() => undefined);
    return false;
  }
}

/**
 * The user's row must be locked: every vote write locks its voter first, so no vote moves meanwhile. A vote of
 * weight 0 (a suspended member's) also leaves the claim's vote counts ("4 of 5 members…"), and comes back
 * to them with its weight: a suspended member's votes stop counting at once, in figures and in words.
 */
async function reweighVotes(tx: Tx, userId: string, weight: number): Promise<void> {
  await tx.$queryRaw`SELECT c.id FROM "Claim" c WHERE c.id IN (SELECT "claimId" FROM "Vote" WHERE "userId" = ${userId} AND weight <> ${weight}) ORDER BY c.id FOR NO KEY UPDATE`;
  await tx.$executeRawUnsafe(
    `WITH old AS (SELECT v.id, v."claimId", v.legitimate, (${weight}::float8 - v.weight) * ${SQL_VOTE_SCALE} AS delta,
                         (CASE WHEN v.weight > 0 AND ${weight}::float8 = 0 THEN -1 WHEN v.weight = 0 AND ${weight}::float8 > 0 THEN 1 ELSE 0 END) AS counted
                    FROM "Vote" v WHERE v."userId" = $1 AND v.weight <> ${weight}::float8),
          upd AS (UPDATE "Vote" v SET weight = ${weight}::float8 FROM old WHERE v.id = old.id RETURNING old."claimId", old.legitimate, old.delta, old.counted),
          moved AS (SELECT "claimId", sum(delta) FILTER (WHERE legitimate) AS dl, sum(delta) FILTER (WHERE NOT legitimate) AS dn,
                           sum(counted) FILTER (WHERE legitimate) AS cl, sum(counted) FILTER (WHERE NOT legitimate) AS cn FROM upd GROUP BY "claimId")
     UPDATE "Claim" c SET "legitScaled" = c."legitScaled" + coalesce(moved.dl, 0), "notLegitScaled" = c."notLegitScaled" + coalesce(moved.dn, 0),
                          "legitVotes" = c."legitVotes" + coalesce(moved.cl, 0)::int, "notLegitVotes" = c."notLegitVotes" + coalesce(moved.cn, 0)::int
       FROM moved WHERE c.id = moved."claimId"`,
    userId,
  );
}

/**
 * Applies the level changes that time alone brings (a first day ending, thirty days passing) for up
 * to `limit` users whose check is due. Cheap when nothing is due (one indexed read); run after each
 * vote and by any scheduler. Returns how many users were looked at.
 */
export async function refreshDueTrustLevels(now: Date = new Date(), limit = 20): Promise<number> {
  // Most calls find nothing due: one indexed read, no transaction.
  if (!(await db.user.findFirst({ where: { trustLevelCheckAt: { lte: now } }, select: { id: true } }))) return 0;
  return db.$transaction(
    async (tx) => {
      // SKIP LOCKED: concurrent sweepers (and voters holding their own row) never wait for each other.
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "User" WHERE "trustLevelCheckAt" <= ${now} ORDER BY "trustLevelCheckAt" LIMIT ${limit} FOR NO KEY UPDATE SKIP LOCKED`;
      await refreshTrustLevels(tx, due.map((row) => row.id), now);
      return due.length;
    },
    { maxWait: 60_000, timeout: 30_000 },
  );
}

/** Recomputes claims' vote counters and kept sums from their vote rows (after a merge moves votes). */
export async function recountClaimVotes(tx: Tx, claimIds: string[]): Promise<void> {
  if (claimIds.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "Claim" c SET
        "legitVotes" = coalesce(s.legit, 0), "notLegitVotes" = coalesce(s.notlegit, 0),
        "legitScaled" = coalesce(s.ls, 0), "notLegitScaled" = coalesce(s.ns, 0)
       FROM (SELECT c2.id,
                    count(v.id) FILTER (WHERE v.legitimate AND v.weight > 0)::int AS legit, count(v.id) FILTER (WHERE NOT v.legitimate AND v.weight > 0)::int AS notlegit,
                    sum(v.weight * ${SQL_VOTE_SCALE}) FILTER (WHERE v.legitimate) AS ls, sum(v.weight * ${SQL_VOTE_SCALE}) FILTER (WHERE NOT v.legitimate) AS ns
               FROM "Claim" c2 LEFT JOIN "Vote" v ON v."claimId" = c2.id WHERE c2.id = ANY($1::text[]) GROUP BY c2.id) s
      WHERE c.id = s.id`,
    claimIds,
  );
}

/**
 * Who may flag a comment or a report (lib/comments/flag.ts, lib/moderation/report-flags.ts): staff, and members
 * at TL1 and above. Answers whether the flagger is staff (a staff flag hides at once).
 */
export async function assertMayFlag(actor: { id: string; role: Role }, what: "comments" | "reports"): Promise<{ staff: boolean }> {
  if (isModerator(actor)) return { staff: true };
  const level = (await getTrustLevels([actor.id])).get(actor.id);
  if (level !== "TL1" && level !== "TL2") {
    throw new AppError("FORBIDDEN", `New accounts cannot flag ${what} yet: confirm your e-mail and come back after your first day.`);
  }
  return { staff: false };
}
