import "server-only";
import { db } from "../platform/db";
import { legitimacy, trustLevel, type Legitimacy, type TrustLevel, type TrustSubject } from "./rules";

/** Trust levels for a set of users, now (reads role, age, confirmation, suspension, visible reports). */
export async function getTrustLevels(userIds: string[], now: Date = new Date()): Promise<Map<string, TrustLevel>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const [users, reportCounts] = await Promise.all([
    db.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
    }),
    db.report.groupBy({ by: ["reporterId"], where: { reporterId: { in: ids }, hiddenAt: null }, _count: { _all: true } }),
  ]);
  const visible = new Map(reportCounts.map((row) => [row.reporterId, row._count._all]));
  return new Map(
    users.map((user) => {
      const subject: TrustSubject = { ...user, visibleReports: visible.get(user.id) ?? 0 };
      return [user.id, trustLevel(subject, now)];
    }),
  );
}

/**
 * Weighted legitimacy of each claim, recomputed from the vote rows so that a suspension or a
 * trust-level change counts at once. Claims without votes get an empty result.
 */
export async function getClaimLegitimacy(claimIds: string[], now: Date = new Date()): Promise<Map<string, Legitimacy>> {
  if (claimIds.length === 0) return new Map();
  const votes = await db.vote.findMany({
    where: { claimId: { in: claimIds } },
    select: { claimId: true, userId: true, legitimate: true, updatedAt: true },
  });
  const levels = await getTrustLevels(votes.map((vote) => vote.userId), now);
  const byClaim = new Map<string, typeof votes>();
  for (const vote of votes) byClaim.set(vote.claimId, [...(byClaim.get(vote.claimId) ?? []), vote]);
  return new Map(
    claimIds.map((id) => [
      id,
      legitimacy(
        (byClaim.get(id) ?? []).map((vote) => ({ legitimate: vote.legitimate, level: levels.get(vote.userId) ?? "TL0", castAt: vote.updatedAt })),
        now,
      ),
    ]),
  );
}
