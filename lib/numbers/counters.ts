// Recomputes every denormalised counter and kept figure (trust levels, vote weights, kept legitimacy
// sums, per-organisation breakdowns) from the rows. Commands keep counters exact as they go; this
// is for bulk imports (the seed) and for tests that check "counters equal the rows".
// Takes the client as an argument (no "server-only"), so the seed script can use it too.
//
// Reporters: a member counts once per number (NumberReporter, by their latest report). Imported
// reports (the FTC file) come from distinct complainants filed under a few import accounts, so each
// imported report counts as its own reporter. A visitor without an account counts once per number by
// the keyed hash of their address (NumberAnonymousReporter), only in anonymousReporters: never in
// reporterCount, which opens the privacy gate.
import type { PrismaClient } from "../generated/prisma/client";
import { invalidateAll } from "../platform/data-cache";
import { HALF_LIFE_MS, KEPT_EPOCH_MS } from "../trust/kept";
import { THRESHOLDS } from "../trust/rules";

type SqlRunner = Pick<PrismaClient, "$executeRawUnsafe">;

const NOW = `(now() AT TIME ZONE 'UTC')`;
const { trust, weights } = THRESHOLDS;
/** rules.ts trustLevel() in SQL; schema-invariants' kept-state test checks the two agree. */
const LEVEL_SQL = `CASE WHEN "suspendedAt" IS NOT NULL THEN 'SUSPENDED'
    WHEN role IN ('MODERATOR', 'ADMIN') THEN 'STAFF'
    WHEN "createdAt" > ${NOW} - interval '${trust.newAccountHours} hours' OR "emailVerified" IS NULL THEN 'TL0'
    WHEN "createdAt" < ${NOW} - interval '${trust.memberDays} days' AND "visibleReportCount" >= ${trust.memberReports} THEN 'TL2'
    ELSE 'TL1' END`;
/** kept.ts nextTrustCheck() in SQL (run after the level is stored). */
const CHECK_SQL = `CASE
    WHEN "trustLevel" = 'TL0' AND "emailVerified" IS NOT NULL AND "suspendedAt" IS NULL
         AND "createdAt" + interval '${trust.newAccountHours} hours' > ${NOW} THEN "createdAt" + interval '${trust.newAccountHours} hours'
    WHEN "trustLevel" = 'TL1' AND "visibleReportCount" >= ${trust.memberReports}
         AND "createdAt" + interval '${trust.memberDays} days 1 millisecond' > ${NOW} THEN "createdAt" + interval '${trust.memberDays} days 1 millisecond'
    ELSE NULL END`;
const WEIGHT_SQL = `CASE u."trustLevel" ${Object.entries(weights).map(([level, weight]) => `WHEN '${level}' THEN ${weight}`).join(" ")} ELSE 0 END`;
const SCALE_SQL = `power(2::float8, (extract(epoch FROM v."updatedAt")::float8 * 1000 - ${KEPT_EPOCH_MS}) / ${HALF_LIFE_MS})`;

const STATEMENTS = [
  `UPDATE "User" u SET "visibleReportCount" = coalesce(r.n, 0)
     FROM "User" u2 LEFT JOIN (SELECT "reporterId", count(*)::int n FROM "Report" WHERE "hiddenAt" IS NULL GROUP BY 1) r ON r."reporterId" = u2.id
     WHERE u.id = u2.id`,
  `UPDATE "User" SET "trustLevel" = ${LEVEL_SQL}`,
  `UPDATE "User" SET "trustLevelCheckAt" = ${CHECK_SQL}`,
  `UPDATE "Vote" v SET weight = ${WEIGHT_SQL} FROM "User" u WHERE u.id = v."userId"`,
  `DELETE FROM "OrganisationCategoryStat"`,
  `INSERT INTO "OrganisationCategoryStat" ("organisationId", category, reports)
     SELECT "organisationId", category, count(*)::int FROM "Report" WHERE "organisationId" IS NOT NULL GROUP BY 1, 2`,
  `DELETE FROM "OrganisationAskedStat"`,
  `INSERT INTO "OrganisationAskedStat" ("organisationId", "askedFor", reports)
     SELECT "organisationId", item, count(DISTINCT id)::int FROM "Report", unnest("askedFor") AS item WHERE "organisationId" IS NOT NULL GROUP BY 1, 2`,
  `DELETE FROM "OrganisationWeekStat"`,
  `INSERT INTO "OrganisationWeekStat" ("organisationId", "weekStart", reports)
     SELECT "organisationId", date_trunc('week', "occurredAt" AT TIME ZONE 'UTC')::date, count(*)::int FROM "Report" WHERE "organisationId" IS NOT NULL GROUP BY 1, 2`,
  `DELETE FROM "NumberReporter"`,
  `INSERT INTO "NumberReporter" (e164, "userId", category, reports, "lastReportedAt")
     SELECT DISTINCT ON (e164, "reporterId") e164, "reporterId", category,
            count(*) OVER (PARTITION BY e164, "reporterId"), "createdAt"
       FROM "Report" WHERE source = 'MEMBER' ORDER BY e164, "reporterId", "createdAt" DESC, id DESC`,
  `DELETE FROM "NumberAnonymousReporter"`,
  `INSERT INTO "NumberAnonymousReporter" (e164, "addressKey", category, reports, "lastReportedAt")
     SELECT DISTINCT ON (e164, "anonymousKey") e164, "anonymousKey", category,
            count(*) OVER (PARTITION BY e164, "anonymousKey"), "createdAt"
       FROM "Report" WHERE source = 'ANONYMOUS' ORDER BY e164, "anonymousKey", "createdAt" DESC, id DESC`,
  `DELETE FROM "NumberCategoryStat"`,
  `INSERT INTO "NumberCategoryStat" (e164, category, reports, reporters, "anonymousReporters")
     SELECT e164, category, sum(reports)::int, sum(reporters)::int, sum(anonymous)::int FROM (
       SELECT e164, category, count(*) AS reports, 0 AS reporters, 0 AS anonymous FROM "Report" GROUP BY e164, category
       UNION ALL
       SELECT e164, category, 0, count(*), 0 FROM "NumberReporter" GROUP BY e164, category
       UNION ALL
       SELECT e164, category, 0, count(*), 0 FROM "Report" WHERE source = 'IMPORT' GROUP BY e164, category
       UNION ALL
       SELECT e164, category, 0, 0, count(*) FROM "NumberAnonymousReporter" GROUP BY e164, category
     ) t GROUP BY e164, category`,
  `DELETE FROM "NumberWeekStat"`,
  `INSERT INTO "NumberWeekStat" (e164, "weekStart", reports)
     SELECT e164, date_trunc('week', "occurredAt" AT TIME ZONE 'UTC')::date, count(*)::int FROM "Report" GROUP BY 1, 2`,
  `UPDATE "PhoneNumber" p SET
       "reportCount" = coalesce(r.n, 0), "firstReportedAt" = r.first, "lastReportedAt" = r.last,
       "reporterCount" = coalesce(u.n, 0), "commentCount" = coalesce(c.n, 0), "watchCount" = coalesce(w.n, 0)
     FROM "PhoneNumber" p2
     LEFT JOIN (SELECT e164, count(*)::int n, min("occurredAt") first, max("occurredAt") last FROM "Report" GROUP BY e164) r ON r.e164 = p2.e164
     LEFT JOIN (SELECT e164, sum(n)::int n FROM (
                  SELECT e164, count(*) n FROM "NumberReporter" GROUP BY e164
                  UNION ALL SELECT e164, count(*) FROM "Report" WHERE source = 'IMPORT' GROUP BY e164) x GROUP BY e164) u ON u.e164 = p2.e164
     LEFT JOIN (SELECT e164, count(*)::int n FROM "Comment" WHERE "deletedAt" IS NULL GROUP BY e164) c ON c.e164 = p2.e164
     LEFT JOIN (SELECT e164, count(*)::int n FROM "Watch" GROUP BY e164) w ON w.e164 = p2.e164
     WHERE p.e164 = p2.e164`,
  `UPDATE "Claim" c SET
       "legitVotes" = coalesce(v.legit, 0), "notLegitVotes" = coalesce(v.notlegit, 0), "reportCount" = coalesce(r.n, 0),
       "legitScaled" = coalesce(v.ls, 0), "notLegitScaled" = coalesce(v.ns, 0)
     FROM "Claim" c2
     LEFT JOIN (SELECT "claimId", count(*) FILTER (WHERE legitimate AND weight > 0)::int legit, count(*) FILTER (WHERE NOT legitimate AND weight > 0)::int notlegit,
                       sum(weight * ${SCALE_SQL}) FILTER (WHERE legitimate) ls, sum(weight * ${SCALE_SQL}) FILTER (WHERE NOT legitimate) ns
                  FROM "Vote" v GROUP BY "claimId") v ON v."claimId" = c2.id
     LEFT JOIN (SELECT "claimId", count(*)::int n FROM "Report" WHERE "claimId" IS NOT NULL GROUP BY "claimId") r ON r."claimId" = c2.id
     WHERE c.id = c2.id`,
  `UPDATE "Comment" c SET "replyCount" = coalesce(r.n, 0)
     FROM "Comment" c2 LEFT JOIN (SELECT "parentId", count(*)::int n FROM "Comment" WHERE "parentId" IS NOT NULL AND "deletedAt" IS NULL GROUP BY "parentId") r ON r."parentId" = c2.id
     WHERE c.id = c2.id`,
  `UPDATE "Organisation" o SET
       "verifiedNumberCount" = coalesce(v.n, 0), "reportCount" = coalesce(r.n, 0)
     FROM "Organisation" o2
     LEFT JOIN (SELECT "organisationId", count(*)::int n FROM "Claim" WHERE status = 'VERIFIED' GROUP BY "organisationId") v ON v."organisationId" = o2.id
     LEFT JOIN (SELECT "organisationId", count(*)::int n FROM "Report" WHERE "organisationId" IS NOT NULL GROUP BY "organisationId") r ON r."organisationId" = o2.id
     WHERE o.id = o2.id`,
];

export async function recountAll(db: SqlRunner): Promise<void> {
  for (const sql of STATEMENTS) await db.$executeRawUnsafe(sql);
  invalidateAll();
}
