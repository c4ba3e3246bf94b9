// `npm run bench -- import [--rows 1000000] [--keep]`: how fast `npm run import -- ftc` takes a large file.
//  1. writes a synthetic FTC Do Not Call reported-calls CSV of N rows into a temp folder: about one number
//     per three rows (a few numbers with thousands of complaints, most with one to three), 2 % exact
//     repeated rows, 1 % rows without a usable number;
//  2. imports it into the benchmark's own throwaway database (bench_import on the embedded PostgreSQL, or
//     BENCH_DATABASE_URL's server), with the same functions as the command: the rows (batched inserts,
//     then recountAll), then the listings of the numbers that can have a verdict;
//  3. checks the kept state: the counters equal a recount, every row is accounted for (imported +
//     duplicates + skipped = rows, reports stored = imported), and the listings of a sample of numbers do not
//     change when refreshed again;
//  4. prints rows/s and the time of each phase, and writes bench-results/import-<rows>.json.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";

const root = path.resolve(import.meta.dirname, "../..");
process.chdir(root);
const log = (message: string) => console.info(`[bench:import] ${message}`);
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] && !process.argv[at + 1]!.startsWith("--") ? process.argv[at + 1]! : fallback;
};
const ROWS = Number(arg("rows", "1000000").replace(/_/g, ""));
if (!Number.isInteger(ROWS) || ROWS < 100) throw new Error("--rows must be a whole number of at least 100");

// A deterministic generator, so two runs of the same size import the same file.
let seed = 0x9e3779b9;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

const AREA_CODES = [201, 202, 212, 213, 214, 216, 217, 305, 310, 312, 404, 415, 470, 510, 512, 602, 617, 702, 713, 718, 786, 813, 832, 917, 949];
const SUBJECTS = ["No Subject Provided", "Warranties  & protection plans", "Reducing your debt (credit cards, mortgage, student loans)", "Medical  & prescriptions", "Calls pretending to be government, businesses, or family and friends", "Computer  & technical support", "Dropped call or no message", "Lotteries, prizes  & sweepstakes", "Other"];
const STATES = ["California", "Texas", "Florida", "New York", "Ohio", "Illinois", "Georgia", ""];
const HEADER = "Company_Phone_Number,Created_Date,Violation_Date,Consumer_City,Consumer_State,Consumer_Area_Code,Subject,Recorded_Message_Or_Robocall";

/** The n-th distinct number: valid US numbers (area code, exchange 200–999, line 0000–9999). */
const numberAt = (n: number) => `${AREA_CODES[n % AREA_CODES.length]}${200 + (Math.floor(n / AREA_CODES.length) % 800)}${String(Math.floor(n / (AREA_CODES.length * 800)) % 10_000).padStart(4, "0")}`;

async function writeFile(file: string): Promise<{ distinctTarget: number }> {
  const out = createWriteStream(file);
  const distinct = Math.max(Math.floor(ROWS / 3), 10);
  const write = async (line: string) => {
    if (!out.write(line + "\n")) await once(out, "drain");
  };
  await write(HEADER);
  let previous = "";
  const start = Date.UTC(2021, 0, 1);
  for (let i = 0; i < ROWS; i++) {
    const roll = random();
    if (roll < 0.02 && previous) {
      await write(previous); // the same complaint twice
      continue;
    }
    let phone: string;
    if (roll < 0.025) phone = "";
    else if (roll < 0.03) phone = String(Math.floor(random() * 1000));
    else if (roll < 0.06) phone = numberAt(Math.floor(random() * 3)); // a scam wave: three numbers with many complaints
    else phone = numberAt(3 + Math.floor(random() ** 2 * (distinct - 3))); // skewed towards the first numbers
    const violation = new Date(start + Math.floor(random() * 365 * 86_400_000));
    const created = new Date(violation.getTime() + Math.floor(random() * 3 * 86_400_000));
    const stamp = (date: Date) => date.toISOString().slice(0, 19).replace("T", " ");
    const subject = pick(SUBJECTS);
    const line = [phone, stamp(created), stamp(violation), "", pick(STATES), String(pick(AREA_CODES)), subject.includes(",") ? `"${subject}"` : subject, pick(["Y", "N", ""])].join(",");
    previous = line;
    await write(line);
  }
  out.end();
  await once(out, "finish");
  return { distinctTarget: distinct };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const file = path.join(dir, `ftc-synthetic-${ROWS}.csv`);
  let stopEmbedded = async () => {};
  try {
    let t = Date.now();
    await writeFile(file);
    log(`wrote ${ROWS.toLocaleString("en")} rows (${(statSync(file).size / 1e6).toFixed(1)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s: ${file}`);

    const database = "bench_import";
    let url = process.env.BENCH_DATABASE_URL;
    const { createDatabase, dropDatabase, startEmbeddedPostgres } = (await import("../embedded-db.mjs")) as unknown as {
      createDatabase: (adminUrl: string, name: string) => Promise<void>;
      dropDatabase: (adminUrl: string, name: string) => Promise<void>;
      startEmbeddedPostgres: (options: { dataDir: string; port: number; databases: string[] }) => Promise<{ url: (database: string) => string; stop: () => Promise<void> }>;
    };
    let adminUrl: string;
    if (url) {
      adminUrl = url;
      const target = new URL(url);
      target.pathname = `/${database}`;
      url = target.toString();
    } else {
      const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
      const embedded = await startEmbeddedPostgres({ dataDir: ".data/pg", port, databases: [] });
      stopEmbedded = () => embedded.stop();
      adminUrl = embedded.url("postgres");
      url = embedded.url(database);
      log(`embedded PostgreSQL on ${port}`);
    }
    // A throwaway database: every run starts from an empty, migrated one.
    await dropDatabase(adminUrl, database);
    await createDatabase(adminUrl, database);
    process.env.DATABASE_URL = url;
    const migrated = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
    if (migrated.status !== 0) throw new Error("migrate deploy failed");

    const { db } = await import("../../lib/platform/db");
    const { importCsvFile } = await import("../../lib/imports/csv-import");
    const { ftcFormat } = await import("../../lib/imports/ftc");
    const [{ refreshImportedListings }, { refreshListings }] = await Promise.all([import("../../lib/feeds/rebuild"), import("../../lib/feeds/listing")]);
    const { recountAll } = await import("../../lib/numbers/counters");

    let lastPrint = 0;
    t = Date.now();
    const summary = await importCsvFile(db as never, file, ftcFormat, {
      runBy: "bench",
      onProgress: (p) => {
        if (Date.now() - lastPrint < 10_000) return;
        lastPrint = Date.now();
        log(`  ${p.rows.toLocaleString("en")} rows, ${Math.round(p.rows / ((Date.now() - t) / 1000)).toLocaleString("en")} rows/s`);
      },
    });
    const importSeconds = (Date.now() - t) / 1000;
    log(`rows imported and counters recounted in ${importSeconds.toFixed(1)} s (${Math.round(ROWS / importSeconds).toLocaleString("en")} rows/s): ${summary.imported.toLocaleString("en")} imported, ${summary.duplicates.toLocaleString("en")} duplicates, ${summary.skipped.toLocaleString("en")} skipped ${JSON.stringify(summary.skipReasons)}`);

    t = Date.now();
    const refreshed = await refreshImportedListings(summary.numbers, {
      onProgress: (done, total) => {
        if (Date.now() - lastPrint < 10_000) return;
        lastPrint = Date.now();
        log(`  listings ${done.toLocaleString("en")}/${total.toLocaleString("en")}`);
      },
    });
    const listingSeconds = (Date.now() - t) / 1000;
    const listed = await db.listedNumber.count({ where: { blocked: true } });
    log(`listings refreshed for ${refreshed.toLocaleString("en")} numbers in ${listingSeconds.toFixed(1)} s (${listed.toLocaleString("en")} on the blocklist)`);

    // Kept state = a recount.
    t = Date.now();
    const fingerprint = async () => {
      const [row] = await db.$queryRawUnsafe<{ numbers: string; categories: string; weeks: string }[]>(`SELECT
        (SELECT md5(string_agg(concat_ws('|', e164, "reportCount", "reporterCount", "firstReportedAt", "lastReportedAt"), ',' ORDER BY e164)) FROM "PhoneNumber") AS numbers,
        (SELECT md5(string_agg(concat_ws('|', e164, category, reports, reporters), ',' ORDER BY e164, category)) FROM "NumberCategoryStat") AS categories,
        (SELECT md5(string_agg(concat_ws('|', e164, "weekStart", reports), ',' ORDER BY e164, "weekStart")) FROM "NumberWeekStat") AS weeks`);
      return row!;
    };
    const kept = await fingerprint();
    await recountAll(db);
    const recounted = await fingerprint();
    const sample = (await db.$queryRaw<{ e164: string }[]>`SELECT e164 FROM "PhoneNumber" WHERE "reportCount" >= 2 ORDER BY md5(e164) LIMIT 1000`).map((r) => r.e164);
    const listingState = async () => JSON.stringify(await db.listedNumber.findMany({ where: { e164: { in: sample } }, orderBy: { e164: "asc" }, select: { e164: true, verdict: true, allowed: true, blocked: true, category: true, confidence: true } }));
    const listingsBefore = await listingState();
    await refreshListings(sample);
    const listingsAfter = await listingState();
    const stored = await db.report.count({ where: { importKey: { startsWith: "ftc:" } } });
    const checks = {
      "counters equal a recount": JSON.stringify(kept) === JSON.stringify(recounted),
      "every row accounted for (imported + duplicates + skipped = rows)": summary.imported + summary.duplicates + summary.skipped === summary.rows && summary.rows === ROWS,
      "reports stored = imported": stored === summary.imported,
      "listings of 1,000 numbers unchanged when refreshed again": listingsBefore === listingsAfter,
    };
    log(`checks in ${((Date.now() - t) / 1000).toFixed(1)} s:`);
    for (const [name, ok] of Object.entries(checks)) log(`  ${ok ? "OK  " : "FAIL"} ${name}`);

    const numbers = await db.phoneNumber.count();
    const result = {
      at: new Date().toISOString(),
      rows: ROWS,
      fileMB: Math.round(statSync(file).size / 1e5) / 10,
      imported: summary.imported,
      duplicates: summary.duplicates,
      skipped: summary.skipped,
      skipReasons: summary.skipReasons,
      numbers,
      importSeconds: Math.round(importSeconds * 10) / 10,
      rowsPerSecond: Math.round(ROWS / importSeconds),
      listingsRefreshed: refreshed,
      listingSeconds: Math.round(listingSeconds * 10) / 10,
      totalSeconds: Math.round((importSeconds + listingSeconds) * 10) / 10,
      blocklisted: listed,
      checks,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((n) => Math.round(n * 10) / 10),
    };
    mkdirSync("bench-results", { recursive: true });
    const out = path.join("bench-results", `import-${ROWS}.json`);
    writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
    log(`${ROWS.toLocaleString("en")} rows → ${numbers.toLocaleString("en")} numbers: ${result.totalSeconds} s in all (rows ${result.importSeconds} s at ${result.rowsPerSecond.toLocaleString("en")} rows/s, listings ${result.listingSeconds} s); load average ${result.loadAverage.join(" ")} on ${result.cpus} cores. ${out}`);
    await db.$disconnect();
    if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
    if (!process.argv.includes("--keep")) await dropDatabase(adminUrl, database);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stopEmbedded();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
