// The PostgreSQL server the test suites use, and the migrated template every test database is cloned from.
// TEST_PG_ADMIN_URL (set by scripts/test.mjs) → that server; DATABASE_URL → the same server as the app;
// neither → an embedded server in .data/pg-test.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cloneDatabase, startEmbeddedPostgres } from "../embedded-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Overridable so that several checkouts can share one server without touching each other.
export const TEMPLATE = process.env.TEST_TEMPLATE_DB ?? "callercheck_test_template";
export const E2E_DATABASE = process.env.E2E_DB_NAME ?? "callercheck_e2e";
export const TEST_PG_PORT = Number(process.env.TEST_PG_PORT ?? 54331);

export function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function testServer() {
  if (process.env.TEST_PG_ADMIN_URL) return { adminUrl: process.env.TEST_PG_ADMIN_URL, stop: async () => {} };
  if (process.env.DATABASE_URL) return { adminUrl: withDatabase(process.env.DATABASE_URL, "postgres"), stop: async () => {} };
  const server = await startEmbeddedPostgres({ dataDir: path.join(root, ".data/pg-test"), port: TEST_PG_PORT });
  return { adminUrl: server.url("postgres"), stop: () => server.stop() };
}

export function migrate(url) {
  const result = spawnSync(process.execPath, [path.join(root, "scripts/prisma.mjs"), "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
}

/** Drops and re-creates the template from the migrations, so a changed schema is always picked up. */
export async function prepareTemplate(adminUrl) {
  const { dropDatabase, createDatabase } = await import("../embedded-db.mjs");
  await dropDatabase(adminUrl, TEMPLATE);
  await createDatabase(adminUrl, TEMPLATE);
  migrate(withDatabase(adminUrl, TEMPLATE));
}

export async function cloneTemplate(adminUrl, name) {
  await cloneDatabase(adminUrl, TEMPLATE, name);
  return withDatabase(adminUrl, name);
}
