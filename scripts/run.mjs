#!/usr/bin/env node
// `npm run dev` / `npm start` / `npm run db:migrate` / `npm run db:seed`.
// Without DATABASE_URL: starts the embedded PostgreSQL in .data/pg, applies migrations, seeds the
// real data plus the demo accounts (once; the seed is idempotent), then runs Next.js. Ctrl-C stops all.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres } from "./embedded-db.mjs";
import { missingProductionSettings, refusalMessage } from "./server/startup-check.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const mode = process.argv[2] ?? "dev";
const log = (message) => console.info(`[callercheck] ${message}`);

const bin = (name) => path.join(root, "node_modules", ".bin", name);

function runSync(command, args, env) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
}

/** A stable development secret in .data/<file>, so sessions and challenges survive restarts; production must set it. */
function generatedSecret(name, fileName) {
  if (process.env[name]) return process.env[name];
  const file = path.join(root, ".data", fileName);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  if (mode === "start") log(`${name} is not set: using a generated one from .data/${fileName} (set it in production).`);
  return fs.readFileSync(file, "utf8").trim();
}

export async function prepareDatabase() {
  let embedded = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    log(`embedded mode: no DATABASE_URL, so starting a local PostgreSQL (data in .data/pg, port ${port}) — for a laptop, not production`);
    embedded = await startEmbeddedPostgres({ dataDir: ".data/pg", port, databases: ["callercheck"] });
    url = embedded.url("callercheck");
  }
  const env = { ...process.env, DATABASE_URL: url };
  log("applying migrations…");
  runSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], env);
  const demo = embedded !== null || process.env.SEED_DEMO === "1";
  log(`seeding${demo ? " (with demo accounts)" : ""}…`);
  runSync(bin("tsx"), ["prisma/seed.ts"], { ...env, SEED_DEMO: demo ? "1" : "0" });
  return { url, embedded };
}

async function main() {
  // In the container image (CALLERCHECK_CONTAINER=1, NODE_ENV=production) nothing is generated or
  // started silently: no embedded database, no generated secret.
  const missing = missingProductionSettings(process.env);
  if (missing.length > 0) throw new Error(refusalMessage(missing));
  const { url, embedded } = await prepareDatabase();
  const stop = async (code) => {
    if (embedded) await embedded.stop().catch(() => undefined);
    process.exit(code);
  };
  if (mode === "migrate" || mode === "seed") return stop(0);

  const port = process.env.PORT ?? "3000";
  // In production AUTH_URL pins Auth.js's origin to the configured one instead of trusting any Host
  // header (development trusts the host by itself); AUTH_TRUST_HOST is passed on only if the operator set it.
  // Links in e-mails, canonical URLs and the sitemap point at the port the app really runs on.
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const authUrl = mode === "start" ? { AUTH_URL: process.env.AUTH_URL ?? appUrl } : {};
  const env = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: generatedSecret("AUTH_SECRET", "auth-secret"),
    ALTCHA_HMAC_KEY: generatedSecret("ALTCHA_HMAC_KEY", "altcha-hmac-key"),
    APP_URL: appUrl,
    ...authUrl,
  };
  if (mode === "start" && !fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    log("no production build yet: running next build…");
    // The build gets no database settings: it must not need any (an image is built the same way).
    const { DATABASE_URL: _url, AUTH_SECRET: _secret, ...buildEnv } = env;
    runSync(bin("next"), ["build"], { ...buildEnv, NODE_ENV: "production" });
    // As `npm run build` does: the static lane's compressed copies (scripts/server/static-assets.mjs).
    runSync(process.execPath, ["scripts/server/static-assets.mjs"], { ...buildEnv, NODE_ENV: "production" });
  }
  const serverArgs = ["scripts/server.mjs", ...(mode === "start" ? [] : ["--dev"])];
  const child = spawn(process.execPath, serverArgs, { stdio: "inherit", env: { ...env, PORT: port, NODE_ENV: mode === "start" ? "production" : "development" } });
  // The alert worker (lib/alerts/worker.ts) runs beside the app; in production it can run on its own
  // with `npm run worker`. RUN_ALERT_WORKER=0 leaves it out here (e.g. when it runs elsewhere).
  const worker = process.env.RUN_ALERT_WORKER === "0" ? null : spawn(bin("tsx"), ["--conditions=react-server", "scripts/worker.ts"], { stdio: "inherit", env });
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      worker?.kill("SIGTERM");
      child.kill("SIGTERM");
    });
  }
  worker?.on("exit", (code, signal) => {
    if (!stopping) log(`alert worker stopped (${code ?? signal}); alerts wait in the outbox until it runs again`);
  });
  child.on("exit", async (code) => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker.once("exit", resolve));
    }
    await stop(code ?? 0);
  });
}

main().catch((error) => {
  console.error(`[callercheck] ${error.message}`);
  process.exit(1);
});
