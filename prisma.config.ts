// Prisma 7 reads the connection URL from here, not from schema.prisma.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Prisma 7 no longer loads .env itself; existing environment variables win over the file.
if (fs.existsSync(".env")) process.loadEnvFile(".env");

// Offline schema engine (see scripts/prisma-schema-engine.mjs): without it every CLI command tries
// to download a native binary from binaries.prisma.sh. An explicit setting wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL("./scripts/prisma-schema-engine.mjs", import.meta.url),
);

const url = process.env.DATABASE_URL;
const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  // Left out when DATABASE_URL is unset: `prisma generate` (postinstall) needs no database.
  ...(url ? { datasource: { url, ...(shadowDatabaseUrl ? { shadowDatabaseUrl } : {}) } } : {}),
});
