import "server-only";
import type { Tx } from "../platform/db";

/**
 * Rebuilds the kept per-organisation breakdowns (categories, what callers asked for, weeks) of the
 * given organisations from their report rows, as recountAll does for all: after a merge moves reports.
 */
export async function recountOrganisationStats(tx: Tx, organisationIds: string[]): Promise<void> {
  if (organisationIds.length === 0) return;
  await tx.$executeRaw`DELETE FROM "OrganisationCategoryStat" WHERE "organisationId" = ANY(${organisationIds}::text[])`;
  await tx.$executeRaw`DELETE FROM "OrganisationAskedStat" WHERE "organisationId" = ANY(${organisationIds}::text[])`;
  await tx.$executeRaw`DELETE FROM "OrganisationWeekStat" WHERE "organisationId" = ANY(${organisationIds}::text[])`;
  await tx.$executeRaw`
    INSERT INTO "OrganisationCategoryStat" ("organisationId", category, reports)
    SELECT "organisationId", category, count(*)::int FROM "Report" WHERE "organisationId" = ANY(${organisationIds}::text[]) GROUP BY 1, 2`;
  await tx.$executeRaw`
    INSERT INTO "OrganisationAskedStat" ("organisationId", "askedFor", reports)
    SELECT "organisationId", item, count(DISTINCT id)::int FROM "Report", unnest("askedFor") AS item WHERE "organisationId" = ANY(${organisationIds}::text[]) GROUP BY 1, 2`;
  await tx.$executeRaw`
    INSERT INTO "OrganisationWeekStat" ("organisationId", "weekStart", reports)
    SELECT "organisationId", date_trunc('week', "occurredAt" AT TIME ZONE 'UTC')::date, count(*)::int FROM "Report" WHERE "organisationId" = ANY(${organisationIds}::text[]) GROUP BY 1, 2`;
}
