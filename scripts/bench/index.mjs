#!/usr/bin/env node
// `npm run bench -- --size 10k` (or 1m): the whole benchmark, loopback only, bounded in time.
//  1. its own database (bench_<size>) on the embedded PostgreSQL (or BENCH_DATABASE_URL's server),
//     migrated and seeded through SQL (scripts/bench/seed.ts) once per size;
//  2. the production build (in .next-bench) under scripts/server.mjs, and a raw baseline (node:http + pg,
//     the same pool size, the same reads and the same pure rules: scripts/bench/baseline.ts);
//  3. scripts/bench/drive.mjs, a separate process, drives both with autocannon: warm-up, then
//     interleaved rounds per target, reads and writes (with a ledger checked against the database);
//  4. one table on stdout, JSON and Markdown in bench-results/ (gitignored).
// Options: --size 10k|1m, --duration <s per round> (5), --rounds (2), --connections (16), --no-build.
// `npm run bench -- import [--rows 1000000]` benchmarks `npm run import` instead (scripts/bench/import.ts);
// `npm run bench -- floor` measures a blank App Router app: its JavaScript, render rate and Lighthouse score
// (scripts/bench/floor.mjs).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, startEmbeddedPostgres } from "../embedded-db.mjs";
import pg from "pg";
import { parseSize } from "./shape.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);
const log = (message) => console.info(`[bench] ${message}`);
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] && !process.argv[at + 1].startsWith("--") ? process.argv[at + 1] : fallback;
}
// `npm run bench -- floor`: what a blank App Router app of this stack costs (scripts/bench/floor.mjs).
if (process.argv[2] === "floor") {
  const run = spawnSync(process.execPath, ["scripts/bench/floor.mjs"], { cwd: root, stdio: "inherit" });
  process.exit(run.status ?? 1);
}

// `npm run bench -- import --rows N`: the import benchmark instead (scripts/bench/import.ts).
if (process.argv[2] === "import") {
  const run = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/bench/import.ts", ...process.argv.slice(3)], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}
const size = parseSize(option("size", "10k"));
const label = size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1_000}k`;
const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);
const appPort = Number(process.env.BENCH_APP_PORT ?? Number(process.env.PORT ?? 3000) + 50);
const basePort = appPort + 1;
const distDir = ".next-bench";

const children = [];
function start(name, command, args, env, logFile = null) {
  // The app's per-request log lines go to a file: this process waits in spawnSync while the driver
  // runs, so a pipe would fill and block the server's synchronous log writes (and with them the server).
  const out = logFile ? fs.openSync(logFile, "w") : "pipe";
  const child = spawn(command, args, { env, stdio: ["ignore", out, out] });
  const tail = [];
  const keep = (chunk) => {
    tail.push(String(chunk));
    if (tail.length > 40) tail.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", (code) => {
    if (!stopping) console.error(`[bench] ${name} exited (${code}):\n${logFile ? `see ${logFile}` : tail.join("")}`);
  });
  children.push(child);
  return child;
}

async function waitFor(url, seconds = 120) {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

let stopping = false;
let embedded = null;
async function stopAll(code) {
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  if (embedded) await embedded.stop().catch(() => undefined);
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(130));

async function main() {
  let url = process.env.BENCH_DATABASE_URL;
  const database = `bench_${label}`;
  if (!url) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    log(`embedded PostgreSQL on ${port}, database ${database}`);
    embedded = await startEmbeddedPostgres({ dataDir: ".data/pg", port, databases: [] });
    await createDatabase(embedded.url("postgres"), database);
    url = embedded.url(database);
  }
  // The page cache's lifetime for the app under test: 60 s unless PAGE_CACHE_SECONDS says otherwise. Writes
  // drop kept pages at once on every instance (NOTIFY), so a long lifetime is a production setting; the
  // app's default (DATA_CACHE_SECONDS, 5 s) is shorter than the benchmark's 200-number tail takes to come
  // round again at rendering speed, so with it the tail is rendered every time (README, "Benchmarks").
  const env = { ...process.env, DATABASE_URL: url, DB_POOL_SIZE: String(poolSize), PAGE_CACHE_SECONDS: process.env.PAGE_CACHE_SECONDS ?? "60" };
  log("migrating…");
  spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { env, stdio: "inherit" });
  log(`seeding ${size.toLocaleString("en")} reports (once per size)…`);
  const seeded = spawnSync(bin("tsx"), ["scripts/bench/seed.ts", String(size)], { env, stdio: "inherit" });
  if (seeded.status !== 0) throw new Error("seed failed");
  // Every run leaves dead rows behind (its writes update counters, the rate-limit rows are cleared). At 1M
  // they build up until autovacuum takes a 100 MB table in the middle of a later run's rounds, slowing both
  // sides' writes for a round. Vacuumed here, every run starts from a settled database.
  log("vacuuming…");
  const started = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("VACUUM (ANALYZE)");
  } finally {
    await client.end();
  }
  log(`vacuumed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const secret = randomBytes(32).toString("base64url");
  const appEnv = { ...env, AUTH_SECRET: secret, ALTCHA_HMAC_KEY: env.ALTCHA_HMAC_KEY ?? `bench-altcha-${secret}`, AUTH_TRUST_HOST: "true", NEXT_DIST_DIR: distDir, NODE_ENV: "production", APP_URL: `http://127.0.0.1:${appPort}`, NEXT_TELEMETRY_DISABLED: "1" };
  if (!process.argv.includes("--no-build") || !fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    log("next build (production)…");
    const built = spawnSync(bin("next"), ["build"], { env: appEnv, stdio: "inherit" });
    if (built.status !== 0) throw new Error("next build failed");
    // As `npm run build` does: the static lane's compressed copies (scripts/server/static-assets.mjs).
    if (spawnSync(process.execPath, ["scripts/server/static-assets.mjs", distDir], { env: appEnv, stdio: "inherit" }).status !== 0) throw new Error("compressing the build's static files failed");
  }
  // The app's own server (scripts/server.mjs), as deployed: it gives the app the client's address.
  // The driver stands in for a load balancer on loopback, spreading requests over many client
  // addresses (X-Forwarded-For), so per-address rate limits act as they would for a crowd: under
  // `next start` every request had the one address "unknown" and most lookups and reports were 429s.
  fs.mkdirSync("bench-results", { recursive: true });
  // --profile: the app writes a V8 CPU profile to bench-results/profile/ when it stops
  // (summarise it with scripts/bench/profile-summary.mjs).
  const profile = process.argv.includes("--profile") ? ["--cpu-prof", "--cpu-prof-dir", "bench-results/profile"] : [];
  start("app", process.execPath, [...profile, "scripts/server.mjs"], { ...appEnv, PORT: String(appPort), LISTEN_HOST: "127.0.0.1", TRUSTED_PROXIES: "127.0.0.1,::1" }, "bench-results/app.log");
  start("baseline", bin("tsx"), ["scripts/bench/baseline.ts"], { ...env, BASELINE_PORT: String(basePort) });
  await Promise.all([waitFor(`http://127.0.0.1:${appPort}/api/health`), waitFor(`http://127.0.0.1:${basePort}/health`)]);
  log(`app on ${appPort}, baseline on ${basePort}; driving from a separate process…`);

  const driver = spawnSync(
    process.execPath,
    [
      "scripts/bench/drive.mjs",
      "--size", String(size),
      "--duration", option("duration", "5"),
      "--rounds", option("rounds", "2"),
      "--connections", option("connections", "16"),
      ...(option("only", null) ? ["--only", option("only", null)] : []),
    ],
    { env: { ...env, BENCH_APP: `http://127.0.0.1:${appPort}`, BENCH_BASE: `http://127.0.0.1:${basePort}`, BENCH_AUTH_SECRET: secret, BENCH_DIST_DIR: distDir, BENCH_LABEL: label }, stdio: "inherit" },
  );
  if (profile.length) {
    // Let the app finish writing its profile before the database goes away.
    const app = children[0];
    const exited = new Promise((resolve) => app.once("exit", resolve));
    stopping = true;
    app.kill("SIGTERM");
    await exited;
  }
  await stopAll(driver.status ?? 1);
}

main().catch(async (error) => {
  console.error(error);
  await stopAll(1);
});
