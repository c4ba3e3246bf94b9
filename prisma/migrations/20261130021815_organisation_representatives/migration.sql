-- CreateEnum
CREATE TYPE "RepresentativeStatus" AS ENUM ('PENDING', 'ACTIVE', 'REVOKED');

-- CreateEnum
CREATE TYPE "RepresentativeMethod" AS ENUM ('DOMAIN_EMAIL', 'MODERATOR');

-- AlterEnum
ALTER TYPE "EvidenceMethod" ADD VALUE 'PUBLISHED_BY_ORGANISATION';

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "label" TEXT,
ADD COLUMN     "retiresAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "impersonationAlertSentAt" TIMESTAMP(3),
ADD COLUMN     "policyAsksCardDetails" BOOLEAN,
ADD COLUMN     "policyAsksOneTimeCode" BOOLEAN,
ADD COLUMN     "policyAsksPassword" BOOLEAN,
ADD COLUMN     "policyAsksSecurityAnswers" BOOLEAN,
ADD COLUMN     "policyListedNumbersOnly" BOOLEAN,
ADD COLUMN     "policyUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "policyUrl" TEXT,
ADD COLUMN     "policyVerifyCallBack" BOOLEAN,
ADD COLUMN     "policyVerifyReference" BOOLEAN,
ADD COLUMN     "policyVoicemailNamesListed" BOOLEAN;

-- AlterTable
ALTER TABLE "OrganisationRepresentative" ADD COLUMN     "decidedById" TEXT,
ADD COLUMN     "evidence" TEXT,
ADD COLUMN     "method" "RepresentativeMethod" NOT NULL DEFAULT 'DOMAIN_EMAIL',
ADD COLUMN     "revokeReason" TEXT,
ADD COLUMN     "revokedAt" TIMESTAMP(3),
ADD COLUMN     "status" "RepresentativeStatus" NOT NULL DEFAULT 'PENDING';

-- CreateTable
CREATE TABLE "OrganisationStatement" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganisationStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordedCall" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "fromE164" TEXT NOT NULL,
    "referenceHash" TEXT NOT NULL,
    "createdById" TEXT,
    "apiKeyId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordedCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationApiKey" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationAlert" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "reportId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrganisationStatement_e164_idx" ON "OrganisationStatement"("e164");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationStatement_organisationId_e164_key" ON "OrganisationStatement"("organisationId", "e164");

-- CreateIndex
CREATE UNIQUE INDEX "RecordedCall_referenceHash_key" ON "RecordedCall"("referenceHash");

-- CreateIndex
CREATE INDEX "RecordedCall_organisationId_createdAt_idx" ON "RecordedCall"("organisationId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationApiKey_keyHash_key" ON "OrganisationApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "OrganisationApiKey_organisationId_idx" ON "OrganisationApiKey"("organisationId");

-- CreateIndex
CREATE INDEX "OrganisationAlert_organisationId_sentAt_idx" ON "OrganisationAlert"("organisationId", "sentAt");

-- CreateIndex
CREATE INDEX "Claim_status_retiresAt_idx" ON "Claim"("status", "retiresAt");

-- CreateIndex
CREATE INDEX "OrganisationRepresentative_organisationId_status_idx" ON "OrganisationRepresentative"("organisationId", "status");

-- AddForeignKey
ALTER TABLE "OrganisationStatement" ADD CONSTRAINT "OrganisationStatement_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationStatement" ADD CONSTRAINT "OrganisationStatement_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationStatement" ADD CONSTRAINT "OrganisationStatement_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordedCall" ADD CONSTRAINT "RecordedCall_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordedCall" ADD CONSTRAINT "RecordedCall_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordedCall" ADD CONSTRAINT "RecordedCall_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "OrganisationApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationApiKey" ADD CONSTRAINT "OrganisationApiKey_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationAlert" ADD CONSTRAINT "OrganisationAlert_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Representatives recorded before this migration had only confirmedAt: a confirmed one is active.
UPDATE "OrganisationRepresentative" SET status = 'ACTIVE' WHERE "confirmedAt" IS NOT NULL;
