#!/usr/bin/env node
// `npm run lighthouse` (options: --size 10k|1m, --runs N, --url http://127.0.0.1:PORT, --no-build):
// Lighthouse 12 at its mobile defaults (a mid-range phone, simulated slow 4G, 4× CPU slowdown) in
// Debian's Chromium against the production build, for the home, number, report and organisation pages.
// Prints performance and accessibility scores (the median of --runs, default 3) as a table and writes
// JSON and Markdown to bench-results/ (gitignored).
//
// Without --url it serves the benchmark's own data: the embedded PostgreSQL's bench_<size> database
// (seeded by `npm run bench` or here), the build in .next-bench (built when missing or unless
// --no-build), scripts/server.mjs on BENCH_APP_PORT or PORT + 60. Loopback only.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { createDatabase, startEmbeddedPostgres } from "../embedded-db.mjs";
import { benchShape, parseSize } from "./shape.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);
const log = (message) => console.info(`[lighthouse] ${message}`);
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] && !process.argv[at + 1].startsWith("--") ? process.argv[at + 1] : fallback;
};
const size = parseSize(option("size", "10k"));
const label = size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1_000}k`;
const runs = Math.min(9, Math.max(1, Number(option("runs", "3"))));
const shape = benchShape(size);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PAGES = [
  ["home", "/"],
  ["number", `/numbers/${shape.popularNumber}`],
  ["report", "/report"],
  ["organisation", `/organisations/${shape.orgSlug}`],
];

let server = null;
let embedded = null;
let chrome = null;
async function cleanUp() {
  if (chrome) await chrome.kill();
  if (server) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  if (embedded) await embedded.stop().catch(() => undefined);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => cleanUp().then(() => process.exit(130)));

async function waitFor(url, seconds = 120) {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Starts the production build on the benchmark database; answers its base URL. */
async function startApp() {
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    embedded = await startEmbeddedPostgres({ dataDir: ".data/pg", port, databases: [] });
    await createDatabase(embedded.url("postgres"), `bench_${label}`);
    url = embedded.url(`bench_${label}`);
  }
  const env = { ...process.env, DATABASE_URL: url };
  spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { env, stdio: "ignore" });
  log(`seeding bench_${label} (once per size)…`);
  const seeded = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/bench/seed.ts", String(size)], { env, stdio: "inherit" });
  if (seeded.status !== 0) throw new Error("seed failed");
  const appPort = Number(process.env.BENCH_APP_PORT ?? Number(process.env.PORT ?? 3000) + 60);
  const base = `http://127.0.0.1:${appPort}`;
  const appEnv = {
    ...env,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "true",
    NEXT_DIST_DIR: ".next-bench",
    NODE_ENV: "production",
    APP_URL: base,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(appPort),
    LISTEN_HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
  };
  if (!process.argv.includes("--no-build") || !fs.existsSync(".next-bench/BUILD_ID")) {
    log("next build (production)…");
    if (spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { env: appEnv, stdio: "inherit" }).status !== 0) throw new Error("next build failed");
  }
  server = spawn(process.execPath, ["scripts/server.mjs"], { env: appEnv, stdio: ["ignore", "ignore", "inherit"] });
  await waitFor(`${base}/api/health`);
  return base;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const base = option("url", null) ?? (await startApp());
  if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(base)) throw new Error(`loopback only, not ${base}`);
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const rows = [];
  for (const [name, pagePath] of PAGES) {
    const url = new URL(pagePath, base).toString();
    await fetch(url); // warm the server (first render, data cache) before measuring
    const scores = [];
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
      const { categories, audits } = result.lhr;
      scores.push({
        performance: Math.round(categories.performance.score * 100),
        accessibility: Math.round(categories.accessibility.score * 100),
        lcp: audits["largest-contentful-paint"].numericValue,
        tbt: audits["total-blocking-time"].numericValue,
        fcp: audits["first-contentful-paint"].numericValue,
        cls: audits["cumulative-layout-shift"].numericValue,
      });
    }
    const row = { name, path: pagePath, runs: scores, ...Object.fromEntries(["performance", "accessibility", "lcp", "tbt", "fcp", "cls"].map((key) => [key, median(scores.map((s) => s[key]))])) };
    log(`${name}: performance ${row.performance}, accessibility ${row.accessibility} (median of ${runs})`);
    rows.push(row);
  }
  const when = new Date().toISOString();
  const markdown = [
    `### Lighthouse 12 (mobile), ${label} data (${when.slice(0, 16)} UTC), median of ${runs} runs`,
    "",
    "| page | performance | accessibility | FCP ms | LCP ms | TBT ms | CLS |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.name} | ${r.performance} | ${r.accessibility} | ${Math.round(r.fcp)} | ${Math.round(r.lcp)} | ${Math.round(r.tbt)} | ${r.cls.toFixed(3)} |`),
    "",
  ].join("\n");
  console.info(`\n${markdown}`);
  const outDir = path.resolve("bench-results");
  fs.mkdirSync(outDir, { recursive: true });
  const result = { when, label, runs, lighthouse: "12", rows };
  fs.writeFileSync(path.join(outDir, `lighthouse-${when.replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(outDir, "lighthouse-latest.json"), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(outDir, "lighthouse-latest.md"), markdown);
}

main()
  .then(() => cleanUp().then(() => process.exit(0)))
  .catch(async (error) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  });
