-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'MODERATOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "NumberType" AS ENUM ('MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE', 'TOLL_FREE', 'SHARED_COST', 'PREMIUM_RATE', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "OrgCategory" AS ENUM ('BANK', 'INSURER', 'TELCO', 'GOVERNMENT', 'UTILITY', 'RETAILER', 'CHARITY', 'OTHER');

-- CreateEnum
CREATE TYPE "OrgStatus" AS ENUM ('PROPOSED', 'ACTIVE', 'MERGED');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('CALL', 'SMS', 'VOICEMAIL');

-- CreateEnum
CREATE TYPE "ReportCategory" AS ENUM ('SCAM', 'IMPERSONATION', 'TELEMARKETING', 'DEBT_COLLECTOR', 'SURVEY', 'ROBOCALL', 'CHARITY', 'SILENT', 'LEGITIMATE', 'LEGITIMATE_UNSAFE', 'OTHER');

-- CreateEnum
CREATE TYPE "AskedFor" AS ENUM ('POLICY_OR_ACCOUNT_NUMBER', 'SECURITY_ANSWERS', 'PASSWORD_OR_PIN', 'ONE_TIME_CODE', 'CARD_OR_PAYMENT', 'BANK_DETAILS', 'PERSONAL_DETAILS', 'REMOTE_ACCESS', 'GIFT_CARDS_OR_CRYPTO', 'NOTHING');

-- CreateEnum
CREATE TYPE "ReportSource" AS ENUM ('MEMBER', 'IMPORT');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('UNVERIFIED', 'VERIFIED', 'REVOKED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ClaimSource" AS ENUM ('REPORT', 'REPRESENTATIVE', 'MODERATOR', 'VOTE');

-- CreateEnum
CREATE TYPE "EvidenceMethod" AS ENUM ('OFFICIAL_WEBSITE', 'VERIFIED_REPRESENTATIVE', 'OFFICIAL_CALLBACK', 'CARRIER_OR_REGULATOR');

-- CreateEnum
CREATE TYPE "FlagReason" AS ENUM ('SPAM', 'ABUSE', 'PERSONAL_INFORMATION', 'OTHER');

-- CreateEnum
CREATE TYPE "FlagStatus" AS ENUM ('OPEN', 'UPHELD', 'DISMISSED');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "TokenPurpose" AS ENUM ('CONFIRM_EMAIL', 'RESET_PASSWORD', 'REPRESENTATIVE');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "emailVerified" TIMESTAMP(3),
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "suspendedAt" TIMESTAMP(3),
    "suspendedReason" TEXT,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "TokenPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "payload" JSONB,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhoneNumber" (
    "e164" TEXT NOT NULL,
    "country" TEXT,
    "type" "NumberType" NOT NULL DEFAULT 'UNKNOWN',
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "reporterCount" INTEGER NOT NULL DEFAULT 0,
    "commentCount" INTEGER NOT NULL DEFAULT 0,
    "watchCount" INTEGER NOT NULL DEFAULT 0,
    "firstReportedAt" TIMESTAMP(3),
    "lastReportedAt" TIMESTAMP(3),
    "contentHiddenAt" TIMESTAMP(3),
    "contentHiddenReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PhoneNumber_pkey" PRIMARY KEY ("e164")
);

-- CreateTable
CREATE TABLE "NumberCategoryStat" (
    "e164" TEXT NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,
    "reporters" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NumberCategoryStat_pkey" PRIMARY KEY ("e164","category")
);

-- CreateTable
CREATE TABLE "NumberWeekStat" (
    "e164" TEXT NOT NULL,
    "weekStart" DATE NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NumberWeekStat_pkey" PRIMARY KEY ("e164","weekStart")
);

-- CreateTable
CREATE TABLE "NumberReporter" (
    "e164" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,
    "lastReportedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NumberReporter_pkey" PRIMARY KEY ("e164","userId")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT,
    "aliases" TEXT[],
    "domains" TEXT[],
    "website" TEXT,
    "category" "OrgCategory" NOT NULL DEFAULT 'OTHER',
    "country" TEXT,
    "description" TEXT,
    "officialPhone" TEXT,
    "policyCallsFrom" TEXT,
    "policyMayAsk" TEXT,
    "policyNeverAsks" TEXT,
    "policyHowToVerify" TEXT,
    "status" "OrgStatus" NOT NULL DEFAULT 'ACTIVE',
    "mergedIntoId" TEXT,
    "proposedById" TEXT,
    "sourceUrl" TEXT,
    "sourceCredit" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "verifiedNumberCount" INTEGER NOT NULL DEFAULT 0,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationRepresentative" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationRepresentative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "organisationId" TEXT,
    "claimId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "channel" "Channel" NOT NULL DEFAULT 'CALL',
    "category" "ReportCategory" NOT NULL,
    "askedFor" "AskedFor"[],
    "leftMessage" BOOLEAN,
    "callerIdName" TEXT,
    "body" TEXT,
    "bodyMasked" BOOLEAN NOT NULL DEFAULT false,
    "proposedOrgName" TEXT,
    "source" "ReportSource" NOT NULL DEFAULT 'MEMBER',
    "idempotencyKey" TEXT,
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "organisationId" TEXT,
    "organisationKey" TEXT NOT NULL,
    "status" "ClaimStatus" NOT NULL DEFAULT 'UNVERIFIED',
    "source" "ClaimSource" NOT NULL DEFAULT 'REPORT',
    "createdById" TEXT,
    "evidenceMethod" "EvidenceMethod",
    "evidenceSource" TEXT,
    "verifiedById" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "reviewAt" TIMESTAMP(3),
    "statusReason" TEXT,
    "statusChangedAt" TIMESTAMP(3),
    "legitVotes" INTEGER NOT NULL DEFAULT 0,
    "notLegitVotes" INTEGER NOT NULL DEFAULT 0,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "legitimate" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimAlert" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" JSONB,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" TEXT,
    "onBehalfOfOrganisationId" TEXT,
    "body" TEXT NOT NULL,
    "bodyMasked" BOOLEAN NOT NULL DEFAULT false,
    "editedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT,
    "flagCount" INTEGER NOT NULL DEFAULT 0,
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Flag" (
    "id" TEXT NOT NULL,
    "flaggerId" TEXT NOT NULL,
    "commentId" TEXT,
    "reportId" TEXT,
    "reason" "FlagReason" NOT NULL,
    "note" TEXT,
    "status" "FlagStatus" NOT NULL DEFAULT 'OPEN',
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Flag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemovalRequest" (
    "id" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolutionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Watch" (
    "userId" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Watch_pkey" PRIMARY KEY ("userId","e164")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_createdAt_idx" ON "User"("createdAt");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "AuthToken_tokenHash_key" ON "AuthToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AuthToken_userId_purpose_idx" ON "AuthToken"("userId", "purpose");

-- CreateIndex
CREATE INDEX "OutboxEmail_to_createdAt_idx" ON "OutboxEmail"("to", "createdAt");

-- CreateIndex
CREATE INDEX "PhoneNumber_reportCount_idx" ON "PhoneNumber"("reportCount" DESC);

-- CreateIndex
CREATE INDEX "PhoneNumber_lastReportedAt_idx" ON "PhoneNumber"("lastReportedAt" DESC);

-- CreateIndex
CREATE INDEX "NumberReporter_userId_idx" ON "NumberReporter"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE INDEX "Organisation_searchText_idx" ON "Organisation" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Organisation_status_category_country_idx" ON "Organisation"("status", "category", "country");

-- CreateIndex
CREATE INDEX "Organisation_name_idx" ON "Organisation"("name");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationRepresentative_userId_organisationId_key" ON "OrganisationRepresentative"("userId", "organisationId");

-- CreateIndex
CREATE INDEX "Report_e164_occurredAt_idx" ON "Report"("e164", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "Report_organisationId_createdAt_idx" ON "Report"("organisationId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Report_reporterId_createdAt_idx" ON "Report"("reporterId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Report_createdAt_idx" ON "Report"("createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Report_reporterId_idempotencyKey_key" ON "Report"("reporterId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Claim_organisationId_status_idx" ON "Claim"("organisationId", "status");

-- CreateIndex
CREATE INDEX "Claim_status_updatedAt_idx" ON "Claim"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Claim_updatedAt_idx" ON "Claim"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_e164_organisationKey_key" ON "Claim"("e164", "organisationKey");

-- CreateIndex
CREATE INDEX "Vote_userId_idx" ON "Vote"("userId");

-- CreateIndex
CREATE INDEX "Vote_claimId_updatedAt_idx" ON "Vote"("claimId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_claimId_userId_key" ON "Vote"("claimId", "userId");

-- CreateIndex
CREATE INDEX "ClaimAlert_resolvedAt_createdAt_idx" ON "ClaimAlert"("resolvedAt", "createdAt");

-- CreateIndex
CREATE INDEX "ClaimAlert_claimId_kind_resolvedAt_idx" ON "ClaimAlert"("claimId", "kind", "resolvedAt");

-- CreateIndex
CREATE INDEX "Comment_e164_parentId_createdAt_idx" ON "Comment"("e164", "parentId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Comment_authorId_createdAt_idx" ON "Comment"("authorId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Flag_status_createdAt_idx" ON "Flag"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Flag_commentId_flaggerId_key" ON "Flag"("commentId", "flaggerId");

-- CreateIndex
CREATE UNIQUE INDEX "Flag_reportId_flaggerId_key" ON "Flag"("reportId", "flaggerId");

-- CreateIndex
CREATE INDEX "RemovalRequest_status_createdAt_idx" ON "RemovalRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Watch_e164_idx" ON "Watch"("e164");

-- CreateIndex
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_createdAt_idx" ON "AuditEntry"("actorId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEntry_action_createdAt_idx" ON "AuditEntry"("action", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEntry_targetType_targetId_idx" ON "AuditEntry"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthToken" ADD CONSTRAINT "AuthToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NumberCategoryStat" ADD CONSTRAINT "NumberCategoryStat_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NumberWeekStat" ADD CONSTRAINT "NumberWeekStat_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NumberReporter" ADD CONSTRAINT "NumberReporter_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NumberReporter" ADD CONSTRAINT "NumberReporter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationRepresentative" ADD CONSTRAINT "OrganisationRepresentative_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationRepresentative" ADD CONSTRAINT "OrganisationRepresentative_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_verifiedById_fkey" FOREIGN KEY ("verifiedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimAlert" ADD CONSTRAINT "ClaimAlert_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimAlert" ADD CONSTRAINT "ClaimAlert_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_onBehalfOfOrganisationId_fkey" FOREIGN KEY ("onBehalfOfOrganisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_flaggerId_fkey" FOREIGN KEY ("flaggerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemovalRequest" ADD CONSTRAINT "RemovalRequest_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemovalRequest" ADD CONSTRAINT "RemovalRequest_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Watch" ADD CONSTRAINT "Watch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Watch" ADD CONSTRAINT "Watch_e164_fkey" FOREIGN KEY ("e164") REFERENCES "PhoneNumber"("e164") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The audit log is append-only: no code path may change or remove an entry, and the database agrees.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEntry is append-only (% refused)', TG_OP;
END
$$;

CREATE TRIGGER audit_entry_append_only
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
