#!/usr/bin/env node
// Playwright's webServer: a fresh seeded database (clone of the migrated template + seed with demo
// data), a production build in .next-e2e made with NO database settings in its environment (as an
// image build would be), then the app's own server (scripts/server.mjs). Stops cleanly on SIGTERM.
// The server trusts loopback as a proxy (TRUSTED_PROXIES), so the fixtures can give each test its own
// client address the way a load balancer would; the app never trusts X-Forwarded-For from anyone else.
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
  // Pins Auth.js's origin; AUTH_TRUST_HOST stays unset as an operator would leave it.
  AUTH_URL: process.env.E2E_BASE_URL,
  TRUSTED_PROXIES: "127.0.0.1,::1",
  ALTCHA_HMAC_KEY: "e2e-only-altcha-key-not-for-production",
  ENABLE_DEV_PAGES: "1",
  APP_URL: process.env.E2E_BASE_URL,
  NODE_ENV: "production",
};
const seeded = spawnSync(bin("tsx"), ["prisma/seed.ts"], { cwd: root, env: { ...env, SEED_DEMO: "1" }, stdio: "inherit" });
if (seeded.status !== 0) process.exit(1);

if (!process.env.E2E_SKIP_BUILD || !fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
  const buildEnv = { ...env };
  for (const name of ["DATABASE_URL", "DATABASE_REPLICA_URLS", "AUTH_SECRET", "TEST_PG_ADMIN_URL"]) delete buildEnv[name];
  const built = spawnSync(bin("next"), ["build"], { cwd: root, env: buildEnv, stdio: "inherit" });
  if (built.status !== 0) process.exit(1);
  // As `npm run build` does: the static lane's compressed copies (scripts/server/static-assets.mjs).
  const compressed = spawnSync(process.execPath, ["scripts/server/static-assets.mjs", distDir], { cwd: root, env: buildEnv, stdio: "inherit" });
  if (compressed.status !== 0) process.exit(1);
}

const port = new URL(process.env.E2E_BASE_URL).port;
const next = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], { cwd: root, env: { ...env, PORT: port, LISTEN_HOST: "127.0.0.1", LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn" }, stdio: "inherit" });
// The alert worker, as `npm start` runs it (alert e-mails reach /dev/outbox through it).
const worker = spawn(bin("tsx"), ["--conditions=react-server", "scripts/worker.ts"], { cwd: root, env: { ...env, ALERT_POLL_MS: "500" }, stdio: "inherit" });
const stop = () => {
  worker.kill("SIGTERM");
  next.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
next.on("exit", async (code) => {
  if (worker.exitCode === null && worker.signalCode === null) {
    worker.kill("SIGTERM");
    await new Promise((resolve) => worker.once("exit", resolve));
  }
  await server.stop().catch(() => undefined);
  process.exit(code ?? 0);
});
