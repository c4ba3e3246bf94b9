#!/usr/bin/env node
// Playwright's webServer: a fresh seeded database (clone of the migrated template + seed with demo
// data), a production build in .next-e2e, then `next start`. Stops cleanly on SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { E2E_DATABASE, cloneTemplate, prepareTemplate, testServer } from "./test-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";

const server = await testServer();
if (!process.env.TEST_TEMPLATE_READY) await prepareTemplate(server.adminUrl);
const url = await cloneTemplate(server.adminUrl, E2E_DATABASE);
const env = {
  ...process.env,
  DATABASE_URL: url,
  NEXT_DIST_DIR: distDir,
  AUTH_SECRET: process.env.E2E_AUTH_SECRET,
  ALTCHA_HMAC_KEY: "e2e-only-altcha-key-not-for-production",
  AUTH_TRUST_HOST: "true",
  ENABLE_DEV_PAGES: "1",
  APP_URL: process.env.E2E_BASE_URL,
  NODE_ENV: "production",
};
const seeded = spawnSync(bin("tsx"), ["prisma/seed.ts"], { cwd: root, env: { ...env, SEED_DEMO: "1" }, stdio: "inherit" });
if (seeded.status !== 0) process.exit(1);

if (!process.env.E2E_SKIP_BUILD || !fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
  const built = spawnSync(bin("next"), ["build"], { cwd: root, env, stdio: "inherit" });
  if (built.status !== 0) process.exit(1);
}

const port = new URL(process.env.E2E_BASE_URL).port;
const next = spawn(bin("next"), ["start", "-p", port, "-H", "127.0.0.1"], { cwd: root, env, stdio: "inherit" });
const stop = () => next.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
next.on("exit", async (code) => {
  await server.stop().catch(() => undefined);
  process.exit(code ?? 0);
});
