import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { dropDatabase } from "../embedded-db.mjs";
import { cloneTemplate } from "./test-db.mjs";

// Each test file gets its own database, cloned from the migrated template, before lib/db is imported.
const adminUrl = inject("pgAdminUrl");
const name = `cc_test_${randomBytes(6).toString("hex")}`;
process.env.DATABASE_URL = await cloneTemplate(adminUrl, name);

afterAll(async () => {
  const { db } = await import("../../lib/platform/db");
  await db.$disconnect();
  await dropDatabase(adminUrl, name);
});
