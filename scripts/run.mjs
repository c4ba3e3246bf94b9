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
    log(`starting embedded PostgreSQL (data in .data/pg, port ${port})…`);
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
  const { url, embedded } = await prepareDatabase();
  const stop = async (code) => {
    if (embedded) await embedded.stop().catch(() => undefined);
    process.exit(code);
  };
  if (mode === "migrate" || mode === "seed") return stop(0);

  const port = process.env.PORT ?? "3000";
  const env = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: generatedSecret("AUTH_SECRET", "auth-secret"),
    ALTCHA_HMAC_KEY: generatedSecret("ALTCHA_HMAC_KEY", "altcha-hmac-key"),
    AUTH_TRUST_HOST: "true",
    // Links in e-mails, canonical URLs and the sitemap point at the port the app really runs on.
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  };
  if (mode === "start" && !fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    log("no production build yet: running next build…");
    runSync(bin("next"), ["build"], { ...env, NODE_ENV: "production" });
  }
  const child = spawn(bin("next"), [mode === "start" ? "start" : "dev", "-p", port], { stdio: "inherit", env });
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      child.kill("SIGTERM");
    });
  }
  child.on("exit", (code) => stop(code ?? 0));
}

main().catch((error) => {
  console.error(`[callercheck] ${error.message}`);
  process.exit(1);
});
