-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "importKey" TEXT;

-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "runBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "position" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "skipReasons" JSONB NOT NULL DEFAULT '{}',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Import_fileHash_status_idx" ON "Import"("fileHash", "status");

-- CreateIndex
CREATE INDEX "Import_startedAt_idx" ON "Import"("startedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Report_importKey_key" ON "Report"("importKey");

