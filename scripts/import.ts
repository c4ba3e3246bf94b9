// `npm run import -- ftc|scamwatch <file-or-folder> [--by <name>]`: imports FTC Do Not Call
// reported-calls CSV files, or Scamwatch alerts CSV files (as help lines: see lib/imports/scamwatch.ts);
// a folder: every .csv in it, by name. Safe to run twice and to re-run after an interruption
// (see lib/imports/csv-import.ts). Shows progress on a terminal and a summary at the end. Uses DATABASE_URL,
// else the embedded development database (.data/pg), like `npm run dev`.
import { readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { importCsvFile, type CsvFormat, type ImportProgress, type ImportSummary } from "../lib/imports/csv-import";
import { ftcFormat } from "../lib/imports/ftc";
import { scamwatchFormat } from "../lib/imports/scamwatch";

const FORMATS: Record<string, CsvFormat> = { ftc: ftcFormat, scamwatch: scamwatchFormat };
const USAGE = "Usage: npm run import -- ftc|scamwatch <file-or-folder> [--by <your name>]";

function filesOf(target: string): string[] {
  const info = statSync(target, { throwIfNoEntry: false });
  if (!info) throw new Error(`${target}: no such file or folder.`);
  if (info.isFile()) return [target];
  const files = readdirSync(target).filter((name) => name.toLowerCase().endsWith(".csv")).sort().map((name) => path.join(target, name));
  if (!files.length) throw new Error(`${target}: no .csv files in this folder.`);
  return files;
}

const clock = (seconds: number) => (Number.isFinite(seconds) ? `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, "0")}` : "–");

function progressPrinter(file: string) {
  const started = Date.now();
  return (p: ImportProgress) => {
    if (!process.stderr.isTTY) return;
    const elapsed = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = Math.max(p.rows - p.resumedFrom, 0) / elapsed;
    const share = p.totalBytes ? Math.min(p.bytes / p.totalBytes, 1) : 0;
    const eta = share > 0 ? (elapsed / share) * (1 - share) : Infinity;
    const bar = "#".repeat(Math.round(share * 24)).padEnd(24, "-");
    process.stderr.write(`\r${path.basename(file)} [${bar}] ${(share * 100).toFixed(0)}% ${p.rows.toLocaleString("en")} rows · ${Math.round(rate).toLocaleString("en")} rows/s · ETA ${clock(eta)}   `);
  };
}

function printSummary(summary: ImportSummary) {
  if (process.stderr.isTTY) process.stderr.write("\n");
  const reasons = Object.entries(summary.skipReasons).map(([reason, n]) => `${n.toLocaleString("en")} ${reason}`).join(", ");
  console.info(
    `${summary.file}: ${summary.rows.toLocaleString("en")} rows${summary.resumedFrom ? ` (resumed after row ${summary.resumedFrom.toLocaleString("en")})` : ""} — ` +
      `imported ${summary.imported.toLocaleString("en")}, duplicates ${summary.duplicates.toLocaleString("en")}, skipped ${summary.skipped.toLocaleString("en")}${reasons ? ` (${reasons})` : ""}`,
  );
}

async function main() {
  const args = process.argv.slice(2);
  const byAt = args.indexOf("--by");
  const runBy = byAt >= 0 ? (args.splice(byAt, 2)[1] ?? "") : (process.env.USER ?? os.userInfo().username);
  const [source, target] = args;
  const format = source ? FORMATS[source] : undefined;
  if (!format || !target || !runBy) throw new Error(USAGE);
  const files = filesOf(target);

  let stop = async () => {};
  if (!process.env.DATABASE_URL) {
    type Embedded = { url: (database: string) => string; stop: () => Promise<void> };
    const { startEmbeddedPostgres } = (await import("./embedded-db.mjs")) as unknown as {
      startEmbeddedPostgres: (options: { dataDir: string; port: number; databases: string[] }) => Promise<Embedded>;
    };
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const embedded = await startEmbeddedPostgres({ dataDir: ".data/pg", port, databases: ["callercheck"] });
    process.env.DATABASE_URL = embedded.url("callercheck");
    stop = () => embedded.stop();
  }
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
  try {
    const touched = new Set<string>();
    for (const file of files) {
      const summary = await importCsvFile(db, file, format, { runBy: runBy.slice(0, 100), onProgress: progressPrinter(file) });
      printSummary(summary);
      for (const e164 of summary.numbers) touched.add(e164);
    }
    // The blocklist and the private lookup follow the new verdicts (numbers that can have enough evidence).
    const { refreshImportedListings } = await import("../lib/feeds/rebuild");
    const refreshed = await refreshImportedListings([...touched], {
      onProgress: (done, total) => {
        if (process.stderr.isTTY && (done % 50 === 0 || done === total)) process.stderr.write(`\rUpdating feeds: ${done.toLocaleString("en")}/${total.toLocaleString("en")}   `);
      },
    });
    if (process.stderr.isTTY && refreshed) process.stderr.write("\n");
    console.info(`Feeds updated for ${refreshed.toLocaleString("en")} numbers.`);
  } finally {
    await db.$disconnect();
    const { db: appDb } = await import("../lib/platform/db");
    await appDb.$disconnect().catch(() => undefined);
    await stop();
  }
}

main().catch((error) => {
  if (process.stderr.isTTY) process.stderr.write("\n");
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
