-- CreateTable
CREATE TABLE "OrganisationSource" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "excerpt" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationSource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrganisationSource_organisationId_idx" ON "OrganisationSource"("organisationId");

-- AddForeignKey
ALTER TABLE "OrganisationSource" ADD CONSTRAINT "OrganisationSource_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
