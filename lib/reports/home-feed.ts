import "server-only";
import type { NumberType, ReportCategory } from "../generated/prisma/enums";
import { cached, cacheTags } from "../platform/data-cache";
import { db } from "../platform/db";

const DAY = 86_400_000;
/** "Recent" on the home page: the last 30 days. */
export const HOME_RECENT_DAYS = 30;
const LIST = 8;

export type HomeNumber = { e164: string; type: NumberType; reports: number; verifiedFor: string | null };
export type HomeReport = {
  id: string;
  e164: string;
  category: ReportCategory;
  createdAt: Date;
  organisation: { name: string; slug: string } | null;
  /** The organisation whose verified number this is: scam reports on it read "possibly spoofed". */
  verifiedFor: string | null;
};

/** getHomeFeed through the data cache: every report drops it (lib/platform/data-cache.ts). */
export function getCachedHomeFeed(region: string) {
  return cached(`home:${region}`, [cacheTags.home], () => getHomeFeed(region));
}

/**
 * The home page for a visitor in `region`: the most-reported and latest reports of the last 30 days
 * for numbers of that region (all-time most reported when the month was quiet), and counts that matter.
 */
export async function getHomeFeed(region: string, now: Date = new Date()) {
  const since = new Date(now.getTime() - HOME_RECENT_DAYS * DAY);
  const weekAgo = new Date(now.getTime() - 7 * DAY);
  const [recentTop, recentReports, counts] = await Promise.all([
    db.$queryRaw<{ e164: string; type: NumberType; reports: bigint }[]>`
      SELECT w.e164, p.type, sum(w.reports)::bigint AS reports
        FROM "NumberWeekStat" w JOIN "PhoneNumber" p ON p.e164 = w.e164
       WHERE p.country = ${region} AND w."weekStart" >= ${new Date(since.getTime() - 7 * DAY)} AND p."contentHiddenAt" IS NULL
       GROUP BY w.e164, p.type
       ORDER BY reports DESC, w.e164
       LIMIT ${LIST}`,
    db.report.findMany({
      where: { hiddenAt: null, createdAt: { gte: since }, number: { country: region, contentHiddenAt: null } },
      orderBy: { createdAt: "desc" },
      take: LIST,
      select: { id: true, e164: true, category: true, createdAt: true, organisation: { select: { name: true, slug: true } } },
    }),
    db.$queryRaw<{ verified: bigint; warnings: bigint; policies: bigint }[]>`
      SELECT (SELECT count(*) FROM "Claim" WHERE status = 'VERIFIED') AS verified,
             (SELECT count(DISTINCT r.e164) FROM "Report" r
                JOIN "Organisation" o ON o.id = r."organisationId"
                LEFT JOIN "Claim" c ON c.e164 = r.e164 AND c."organisationId" = r."organisationId"
               WHERE r."createdAt" >= ${weekAgo} AND r."hiddenAt" IS NULL
                 AND r.category IN ('SCAM', 'IMPERSONATION')
                 AND (c.status = 'REJECTED' OR (o."verifiedNumberCount" > 0 AND c.status IS DISTINCT FROM 'VERIFIED'))) AS warnings,
             (SELECT count(*) FROM "Organisation"
               WHERE status = 'ACTIVE' AND ("policyNeverAsks" IS NOT NULL OR "policyCallsFrom" IS NOT NULL)) AS policies`,
  ]);

  const allTime =
    recentTop.length > 0
      ? []
      : await db.phoneNumber.findMany({
          where: { country: region, reportCount: { gt: 0 }, contentHiddenAt: null },
          orderBy: [{ reportCount: "desc" }, { lastReportedAt: "desc" }],
          take: LIST,
          select: { e164: true, type: true, reportCount: true },
        });
  const top = recentTop.length > 0 ? recentTop.map((row) => ({ e164: row.e164, type: row.type, reports: Number(row.reports) })) : allTime.map((row) => ({ e164: row.e164, type: row.type, reports: row.reportCount }));

  const verifiedRows = await db.claim.findMany({
    where: { status: "VERIFIED", e164: { in: [...new Set([...top.map((n) => n.e164), ...recentReports.map((r) => r.e164)])] } },
    select: { e164: true, organisation: { select: { name: true } } },
  });
  const verifiedFor = new Map(verifiedRows.map((row) => [row.e164, row.organisation?.name ?? "an organisation"]));
  const row = counts[0];
  return {
    region,
    mostReported: top.map((number): HomeNumber => ({ ...number, verifiedFor: verifiedFor.get(number.e164) ?? null })),
    mostReportedScope: recentTop.length > 0 ? ("RECENT" as const) : ("ALL_TIME" as const),
    recentReports: recentReports.map((report): HomeReport => ({ ...report, verifiedFor: verifiedFor.get(report.e164) ?? null })),
    stats: { verified: Number(row?.verified ?? 0), impersonationWarnings: Number(row?.warnings ?? 0), policies: Number(row?.policies ?? 0) },
  };
}
