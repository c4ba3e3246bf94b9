// `node scripts/test/db-file.mjs <filter>`: the database suite for matching files only (while developing).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { prepareTemplate, testServer } from "./test-db.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const server = await testServer();
let status = 1;
try {
  await prepareTemplate(server.adminUrl);
  const run = spawnSync(path.join(root, "node_modules/.bin/vitest"), ["run", "--project", "db", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, TEST_PG_ADMIN_URL: server.adminUrl, TEST_TEMPLATE_READY: "1" },
  });
  status = run.status ?? 1;
} finally {
  await server.stop();
}
process.exit(status);
