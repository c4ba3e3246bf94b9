-- A number's page and its feed listing ask which organisation calls back from it (officialPhone = the
-- number): an index, not a scan of every organisation.
CREATE INDEX "Organisation_officialPhone_idx" ON "Organisation"("officialPhone");
