-- CreateTable
CREATE TABLE "OrganisationContactNumber" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "purpose" TEXT,
    "sourceUrl" TEXT,
    "sourceTitle" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationContactNumber_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrganisationContactNumber_e164_idx" ON "OrganisationContactNumber"("e164");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationContactNumber_organisationId_e164_key" ON "OrganisationContactNumber"("organisationId", "e164");

-- AddForeignKey
ALTER TABLE "OrganisationContactNumber" ADD CONSTRAINT "OrganisationContactNumber_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
