-- Visitors' reports (issue #10): no account, a keyed hash of the address, counted once per address per number.
-- AlterEnum
ALTER TYPE "ReportSource" ADD VALUE 'ANONYMOUS';

-- AlterTable
ALTER TABLE "NumberCategoryStat" ADD COLUMN     "anonymousReporters" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "anonymousKey" TEXT,
ALTER COLUMN "reporterId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "NumberAnonymousReporter" (
    "e164" TEXT NOT NULL,
    "addressKey" TEXT NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,
    "lastReportedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NumberAnonymousReporter_pkey" PRIMARY KEY ("e164","addressKey")
);

-- CreateTable
CREATE TABLE "UsedProofOfWork" (
    "nonce" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsedProofOfWork_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE INDEX "UsedProofOfWork_expiresAt_idx" ON "UsedProofOfWork"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Report_anonymousKey_idempotencyKey_key" ON "Report"("anonymousKey", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "NumberAnonymousReporter" ADD CONSTRAINT "NumberAnonymousReporter_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;


-- Every report has a member or (a visitor's) address key.
ALTER TABLE "Report" ADD CONSTRAINT "Report_reporter_or_anonymous_check" CHECK ("reporterId" IS NOT NULL OR "anonymousKey" IS NOT NULL);
