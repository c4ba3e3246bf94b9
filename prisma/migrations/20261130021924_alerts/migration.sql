-- CreateEnum
CREATE TYPE "AlertMode" AS ENUM ('INSTANT', 'DAILY', 'OFF');

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "headers" JSONB,
ADD COLUMN     "html" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "alertsPausedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Watch" ADD COLUMN     "alertMode" "AlertMode" NOT NULL DEFAULT 'INSTANT',
ADD COLUMN     "lastAlertedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "OrganisationWatch" (
    "userId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "alertMode" "AlertMode" NOT NULL DEFAULT 'INSTANT',
    "lastAlertedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationWatch_pkey" PRIMARY KEY ("userId","organisationId")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "e164" TEXT,
    "organisationId" TEXT,
    "actorId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fannedOutAt" TIMESTAMP(3),

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "watchKey" TEXT NOT NULL,
    "emailMode" "AlertMode" NOT NULL,
    "emailDueAt" TIMESTAMP(3),
    "alertEmailId" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertEmail" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "watchKey" TEXT,
    "outboxEmailId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NumberAlertState" (
    "e164" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NumberAlertState_pkey" PRIMARY KEY ("e164")
);

-- CreateIndex
CREATE INDEX "OrganisationWatch_organisationId_idx" ON "OrganisationWatch"("organisationId");

-- CreateIndex
CREATE INDEX "AlertEvent_fannedOutAt_createdAt_idx" ON "AlertEvent"("fannedOutAt", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_emailDueAt_idx" ON "Notification"("emailDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_eventId_key" ON "Notification"("userId", "eventId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertEmail_idempotencyKey_key" ON "AlertEmail"("idempotencyKey");

-- CreateIndex
CREATE INDEX "AlertEmail_createdAt_idx" ON "AlertEmail"("createdAt");

-- AddForeignKey
ALTER TABLE "OrganisationWatch" ADD CONSTRAINT "OrganisationWatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationWatch" ADD CONSTRAINT "OrganisationWatch_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AlertEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_alertEmailId_fkey" FOREIGN KEY ("alertEmailId") REFERENCES "AlertEmail"("id") ON DELETE SET NULL ON UPDATE CASCADE;
