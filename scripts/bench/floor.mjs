// `npm run bench -- floor`: what any App Router page of this stack costs before a line of the app.
// Builds a blank app (one layout, a page saying "Hello", a config that only lets Turbopack read the linked
// node_modules) in a temp folder with this
// project's own `next` and React, with Turbopack and with webpack, serves each with `next start` on loopback
// and measures its JavaScript as the benchmark measures the app's pages (js-size.mjs). With Turbopack it also
// drives a blank page rendered for each request (`/rendered`, `await connection()`) with autocannon, as the
// benchmark drives the app's rendered number page (16 connections, a warm-up, then rounds): the most
// requests a second Next renders on this machine — and runs Lighthouse on the blank page (three runs, the
// median; the settings of scripts/bench/lighthouse.mjs), the best score any page of this stack gets here.
// Writes bench-results/js-floor.json.
import autocannon from "autocannon";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { jsPerPage } from "./js-size.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const port = Number(process.env.BENCH_APP_PORT ?? Number(process.env.PORT ?? 3000) + 70);
const log = (message) => console.info(`[floor] ${message}`);

const FILES = {
  "package.json": JSON.stringify({ name: "blank", private: true, type: "module" }),
  // The project's node_modules is linked in, outside this folder: Turbopack must be allowed to read it.
  "next.config.mjs": 'export default { turbopack: { root: "/" } };\n',
  "tsconfig.json": JSON.stringify({
    compilerOptions: { target: "ES2022", lib: ["dom", "esnext"], jsx: "react-jsx", module: "esnext", moduleResolution: "bundler", strict: true, skipLibCheck: true, noEmit: true, esModuleInterop: true, isolatedModules: true },
    include: ["**/*.ts", "**/*.tsx"],
    exclude: ["node_modules"],
  }),
  "app/layout.tsx": 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (<html lang="en"><body>{children}</body></html>);\n}\n',
  "app/page.tsx": "export default function Page() { return <p>Hello</p>; }\n",
  "app/rendered/page.tsx": 'import { connection } from "next/server";\n\nexport default async function Page() {\n  await connection();\n  return <p>Hello at {Date.now()}</p>;\n}\n',
};

// What is running, for the interrupt handler below: next start's process, and Lighthouse's Chromium.
let running = null;
let browser = null;

const ROUNDS = 3;
const SECONDS = 5;
const LIGHTHOUSE_RUNS = 3;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Lighthouse at its mobile defaults on the blank page, as `npm run lighthouse` runs it: the median of three. */
async function lighthouseOf(url) {
  const chrome = (browser = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  }));
  try {
    const runs = [];
    for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
      const { lhr } = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
      runs.push({ performance: Math.round(lhr.categories.performance.score * 100), tbt: Math.round(lhr.audits["total-blocking-time"].numericValue), lcp: Math.round(lhr.audits["largest-contentful-paint"].numericValue) });
    }
    runs.sort((a, b) => a.performance - b.performance);
    return { ...runs[Math.floor(LIGHTHOUSE_RUNS / 2)], runs: runs.map((r) => r.performance) };
  } finally {
    await chrome.kill();
    browser = null;
  }
}

const drive = (url, seconds) =>
  new Promise((resolve, reject) => autocannon({ url, connections: 16, duration: seconds, timeout: 30 }, (error, result) => (error ? reject(error) : resolve(result))));

/** A blank page rendered per request: a warm-up, then ROUNDS rounds; the median round's figures. */
async function renderRate(base) {
  await drive(`${base}/rendered`, 2);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const result = await drive(`${base}/rendered`, SECONDS);
    if (result.non2xx || result.errors) throw new Error(`blank page: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    rounds.push({ reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 });
  }
  rounds.sort((a, b) => a.reqPerSec - b.reqPerSec);
  return { ...rounds[Math.floor(ROUNDS / 2)], rounds: rounds.map((r) => r.reqPerSec) };
}

/** Refuses to start when something already listens on the port: it would be measured instead of the blank app. */
function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () => reject(new Error(`port ${port} is in use: set BENCH_APP_PORT to a free one`)));
    probe.listen(port, "127.0.0.1", () => probe.close(resolve));
  });
}

async function waitFor(url, deadline, server) {
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`next start exited (${server.exitCode ?? server.signalCode}) before answering`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(5_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer in time`);
}

async function measure(dir, bundler) {
  log(`building the blank app with ${bundler}…`);
  const build = spawnSync(process.execPath, [next, "build", ...(bundler === "webpack" ? ["--webpack"] : [])], { cwd: dir, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.error || build.status !== 0) throw new Error(`next build (${bundler}) failed: ${build.error?.message ?? build.signal ?? `exit ${build.status}`}`);
  await assertPortFree(port);
  const server = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"], detached: true });
  running = server;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/`, Date.now() + 60_000, server);
    const [result] = await jsPerPage(base, [["/", "blank"]]);
    if (bundler !== "turbopack") return { bundler, ...result, rendered: null, lighthouse: null };
    const rendered = await renderRate(base);
    // Lighthouse needs Chromium; without it the sizes and the render rate are still written.
    const scored = await lighthouseOf(`${base}/`).catch((error) => {
      log(`Lighthouse did not run: ${error.message}`);
      return null;
    });
    return { bundler, ...result, rendered, lighthouse: scored };
  } finally {
    stopServer(server);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    running = null;
  }
}

/** The server runs in its own process group (next start starts workers): the whole group is stopped. */
function stopServer(server, signal = "SIGTERM") {
  if (server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    // already gone
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callercheck-floor-"));
// Interrupted (Ctrl+C): the server's group and the temp folder go too, as at the end of a run.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    if (running) stopServer(running, "SIGKILL");
    browser?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}
try {
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  const versions = Object.fromEntries(["next", "react", "react-dom"].map((name) => [name, JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version]));
  const results = [];
  for (const bundler of ["turbopack", "webpack"]) results.push(await measure(dir, bundler));
  console.table(results.map((r) => ({ bundler: r.bundler, "JS gzip kB": (r.gzipBytes / 1024).toFixed(1), "JS Brotli kB": (r.brotliBytes / 1024).toFixed(1), "noModule kB": (r.legacyGzipBytes / 1024).toFixed(1), scripts: r.scripts })));
  const rendered = results.find((r) => r.rendered)?.rendered;
  if (rendered) log(`a blank page rendered per request: ${Math.round(rendered.reqPerSec)} req/s (p50 ${rendered.p50} ms, p99 ${rendered.p99} ms; rounds ${rendered.rounds.map(Math.round).join(", ")})`);
  const scored = results.find((r) => r.lighthouse)?.lighthouse;
  if (scored) log(`Lighthouse (mobile) on the blank page: performance ${scored.performance} (runs ${scored.runs.join(", ")}; TBT ${scored.tbt} ms, LCP ${scored.lcp} ms)`);
  fs.mkdirSync(path.join(root, "bench-results"), { recursive: true });
  const out = path.join(root, "bench-results", "js-floor.json");
  fs.writeFileSync(out, JSON.stringify({ measuredAt: new Date().toISOString(), versions, results }, null, 2));
  log(`written ${path.relative(root, out)} (${Object.entries(versions).map(([name, version]) => `${name} ${version}`).join(", ")})`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
