-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "sourceTitle" TEXT,
ADD COLUMN     "sourceUrl" TEXT;
