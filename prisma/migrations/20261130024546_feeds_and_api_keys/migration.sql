-- CreateTable
CREATE TABLE "ListedNumber" (
    "e164" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "hashPrefix" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "allowed" BOOLEAN NOT NULL DEFAULT false,
    "organisationIds" TEXT[],
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "category" "ReportCategory",
    "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "allowVersion" BIGINT,
    "blockVersion" BIGINT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ListedNumber_pkey" PRIMARY KEY ("e164")
);

-- CreateTable
CREATE TABLE "FeedVersion" (
    "id" TEXT NOT NULL,
    "value" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "FeedVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organisationId" TEXT,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "dailyQuota" INTEGER NOT NULL DEFAULT 200000,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ListedNumber_hashPrefix_idx" ON "ListedNumber"("hashPrefix");

-- CreateIndex
CREATE INDEX "ListedNumber_allowVersion_idx" ON "ListedNumber"("allowVersion");

-- CreateIndex
CREATE INDEX "ListedNumber_blockVersion_idx" ON "ListedNumber"("blockVersion");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_userId_createdAt_idx" ON "ApiKey"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
