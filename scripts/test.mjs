#!/usr/bin/env node
// `npm test` runs every suite: unit and database (Vitest), end-to-end (Playwright in Chromium), and
// ends with one line totalling them all. `npm test -- unit db` runs only the named suites;
// `npm test -- e2e e2e/xss.spec.ts` passes what follows to Playwright (spec files, --grep …).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareTemplate, testServer } from "./test/test-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const requested = process.argv.slice(2).filter((arg) => ["unit", "db", "e2e"].includes(arg));
const suites = requested.length ? requested : ["unit", "db", "e2e"];
const playwrightArgs = process.argv.slice(2).filter((arg) => !["unit", "db", "e2e"].includes(arg));
const out = path.join(root, ".data", "test-results");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
/**
 * Runs a child with inherited stdio and waits for it without blocking this process's event loop: the
 * test PostgreSQL started below writes its log to a pipe this process must keep draining, or (on a
 * long run) its checkpointer blocks on the full pipe and every CREATE/DROP DATABASE hangs.
 */
function runChild(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (status, signal) => resolve({ status: status ?? (signal ? 1 : 0) }));
    child.on("error", () => resolve({ status: 1 }));
  });
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);

const totals = { passed: 0, failed: 0, skipped: 0 };
let runnerFailed = false;

// The Docker files, linted where hadolint or Docker Compose is installed (named skips otherwise).
if (!requested.length) {
  const lint = spawnSync(process.execPath, ["scripts/lint-docker.mjs"], { encoding: "utf8" });
  process.stdout.write(lint.stdout + lint.stderr);
  const lines = lint.stdout.split("\n").filter((line) => line.startsWith("[lint:docker]"));
  totals.passed += lines.filter((line) => line.endsWith(": passed")).length;
  totals.skipped += lines.filter((line) => line.includes(": SKIPPED")).length;
  totals.failed += lint.status === 0 ? 0 : Math.max(1, lines.filter((line) => line.endsWith(": failed")).length);
  runnerFailed ||= lint.status !== 0;
}

const server = await testServer();
process.env.TEST_PG_ADMIN_URL = server.adminUrl;
try {
  if (suites.includes("db") || suites.includes("e2e")) {
    console.info("[test] migrating the template database…");
    await prepareTemplate(server.adminUrl);
    process.env.TEST_TEMPLATE_READY = "1";
  }
  for (const project of ["unit", "db"].filter((s) => suites.includes(s))) {
    const file = path.join(out, `vitest-${project}.json`);
    const run = await runChild(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], process.env);
    runnerFailed ||= run.status !== 0;
    if (fs.existsSync(file)) {
      const report = JSON.parse(fs.readFileSync(file, "utf8"));
      totals.passed += report.numPassedTests ?? 0;
      // A file that fails to load has no failed tests but a failed suite: count it.
      totals.failed += Math.max(report.numFailedTests ?? 0, report.numFailedTestSuites ?? 0);
      totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    } else {
      totals.failed += 1;
    }
  }
  if (suites.includes("e2e")) {
    const file = path.join(out, "playwright.json");
    const run = await runChild(bin("playwright"), ["test", ...playwrightArgs], { ...process.env, PW_JSON_OUTPUT: file });
    runnerFailed ||= run.status !== 0;
    if (fs.existsSync(file)) {
      const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
      totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
      totals.failed += stats.unexpected ?? 0;
      totals.skipped += stats.skipped ?? 0;
    } else {
      totals.failed += 1;
    }
  }
} finally {
  await server.stop().catch(() => undefined);
}

if (runnerFailed && totals.failed === 0) totals.failed = 1; // a runner crashed outside any test
console.info(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(runnerFailed || totals.failed > 0 ? 1 : 0);
