import "server-only";
import { db } from "../platform/db";

/** The home page's lists: read from denormalised counters and the reports' createdAt index. */
export async function getHomeFeed() {
  const [mostReported, recentReports, counts] = await Promise.all([
    db.phoneNumber.findMany({
      where: { reportCount: { gt: 0 } },
      orderBy: [{ reportCount: "desc" }, { lastReportedAt: "desc" }],
      take: 8,
      select: { e164: true, type: true, country: true, reportCount: true, lastReportedAt: true },
    }),
    db.report.findMany({
      where: { hiddenAt: null, number: { contentHiddenAt: null } },
      orderBy: { createdAt: "desc" },
      take: 8,
      select: {
        id: true,
        e164: true,
        category: true,
        occurredAt: true,
        createdAt: true,
        organisation: { select: { name: true, slug: true } },
      },
    }),
    db.$queryRaw<{ numbers: bigint; organisations: bigint; verified: bigint }[]>`
      SELECT (SELECT reltuples::bigint FROM pg_class WHERE relname = 'PhoneNumber') AS numbers,
             (SELECT count(*) FROM "Organisation" WHERE status = 'ACTIVE') AS organisations,
             (SELECT count(*) FROM "Claim" WHERE status = 'VERIFIED') AS verified`,
  ]);
  const row = counts[0];
  return {
    mostReported,
    recentReports,
    stats: { numbers: Math.max(0, Number(row?.numbers ?? 0)), organisations: Number(row?.organisations ?? 0), verified: Number(row?.verified ?? 0) },
  };
}
