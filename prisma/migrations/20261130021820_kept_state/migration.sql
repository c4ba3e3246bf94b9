-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "legitScaled" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "notLegitScaled" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "trustLevel" TEXT NOT NULL DEFAULT 'TL0',
ADD COLUMN     "trustLevelCheckAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "visibleReportCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "weight" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "OrganisationCategoryStat" (
    "organisationId" TEXT NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrganisationCategoryStat_pkey" PRIMARY KEY ("organisationId","category")
);

-- CreateTable
CREATE TABLE "OrganisationAskedStat" (
    "organisationId" TEXT NOT NULL,
    "askedFor" "AskedFor" NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrganisationAskedStat_pkey" PRIMARY KEY ("organisationId","askedFor")
);

-- CreateTable
CREATE TABLE "OrganisationWeekStat" (
    "organisationId" TEXT NOT NULL,
    "weekStart" DATE NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrganisationWeekStat_pkey" PRIMARY KEY ("organisationId","weekStart")
);

-- CreateIndex
CREATE INDEX "User_trustLevelCheckAt_idx" ON "User"("trustLevelCheckAt");

-- AddForeignKey
ALTER TABLE "OrganisationCategoryStat" ADD CONSTRAINT "OrganisationCategoryStat_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationAskedStat" ADD CONSTRAINT "OrganisationAskedStat_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationWeekStat" ADD CONSTRAINT "OrganisationWeekStat_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill the kept state from existing rows (the same rules as lib/numbers/counters.ts recountAll).
UPDATE "User" u SET "visibleReportCount" = r.n
  FROM (SELECT "reporterId", count(*)::int n FROM "Report" WHERE "hiddenAt" IS NULL GROUP BY 1) r WHERE r."reporterId" = u.id;

UPDATE "User" SET "trustLevel" = CASE WHEN "suspendedAt" IS NOT NULL THEN 'SUSPENDED'
    WHEN role IN ('MODERATOR', 'ADMIN') THEN 'STAFF'
    WHEN "createdAt" > (now() AT TIME ZONE 'UTC') - interval '24 hours' OR "emailVerified" IS NULL THEN 'TL0'
    WHEN "createdAt" < (now() AT TIME ZONE 'UTC') - interval '30 days' AND "visibleReportCount" >= 5 THEN 'TL2'
    ELSE 'TL1' END;

-- Every user is looked at once more by refreshDueTrustLevels, which sets the real next check.
UPDATE "User" SET "trustLevelCheckAt" = (now() AT TIME ZONE 'UTC');

UPDATE "Vote" v SET weight = CASE u."trustLevel" WHEN 'SUSPENDED' THEN 0 WHEN 'TL0' THEN 0.25 WHEN 'TL1' THEN 1 WHEN 'TL2' THEN 1.5 WHEN 'STAFF' THEN 2 ELSE 0 END
  FROM "User" u WHERE u.id = v."userId";

UPDATE "Claim" c SET "legitScaled" = coalesce(s.ls, 0), "notLegitScaled" = coalesce(s.ns, 0)
  FROM (SELECT "claimId",
               sum(weight * power(2::float8, (extract(epoch FROM "updatedAt")::float8 * 1000 - 1767225600000) / 15552000000)) FILTER (WHERE legitimate) ls,
               sum(weight * power(2::float8, (extract(epoch FROM "updatedAt")::float8 * 1000 - 1767225600000) / 15552000000)) FILTER (WHERE NOT legitimate) ns
          FROM "Vote" GROUP BY "claimId") s
 WHERE s."claimId" = c.id;

INSERT INTO "OrganisationCategoryStat" ("organisationId", category, reports)
  SELECT "organisationId", category, count(*)::int FROM "Report" WHERE "organisationId" IS NOT NULL GROUP BY 1, 2;
INSERT INTO "OrganisationAskedStat" ("organisationId", "askedFor", reports)
  SELECT "organisationId", item, count(DISTINCT id)::int FROM "Report", unnest("askedFor") AS item WHERE "organisationId" IS NOT NULL GROUP BY 1, 2;
INSERT INTO "OrganisationWeekStat" ("organisationId", "weekStart", reports)
  SELECT "organisationId", date_trunc('week', "occurredAt" AT TIME ZONE 'UTC')::date, count(*)::int FROM "Report" WHERE "organisationId" IS NOT NULL GROUP BY 1, 2;
