import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { refreshListings } from "../feeds/listing";
import { refreshImportedListings } from "../feeds/rebuild";
import { recountAll } from "../numbers/counters";
import { db } from "../platform/db";
import { importFtcFile } from "./ftc";
import { ftcRowKey } from "./row-key";

const source = readFileSync(path.join(import.meta.dirname, "../../prisma/data/ftc-dnc-reported-calls-2021-07-08.csv"), "utf8").split(/\r?\n/);
const dir = mkdtempSync(path.join(os.tmpdir(), "ftc-import-"));

/** A file of the real file's header and a slice of its rows, plus a repeated row and unusable ones. */
function sample(name: string, from: number, count: number): string {
  const rows = source.slice(1 + from, 1 + from + count);
  const file = path.join(dir, name);
  writeFileSync(file, [source[0], ...rows, rows[0], ",2021-07-07 00:01:15,2021-07-06 11:48:00,,Ohio,216,Charities,", "12,2021-07-07 00:01:15,2021-07-06 11:48:00,,Ohio,216,Charities,", ""].join("\n"));
  return file;
}

const snapshot = async (keys: string[]) =>
  db.report.findMany({ where: { importKey: { in: keys } }, orderBy: { importKey: "asc" }, select: { importKey: true, e164: true, occurredAt: true, category: true, body: true, source: true } });

async function countersOf(numbers: string[]) {
  return db.phoneNumber.findMany({ where: { e164: { in: numbers } }, orderBy: { e164: "asc" }, select: { e164: true, reportCount: true, reporterCount: true, firstReportedAt: true, lastReportedAt: true } });
}

describe("npm run import -- ftc", () => {
  test("a second import of the same file changes nothing, and the summary says why", async () => {
    const file = sample("twice.csv", 0, 300);
    const first = await importFtcFile(db, file, { runBy: "tester", batchSize: 70 });
    expect(first.rows).toBe(303);
    expect(first.imported + first.duplicates + first.skipped).toBe(303);
    expect(first.imported).toBeGreaterThan(250);
    expect(first.duplicates).toBeGreaterThanOrEqual(1); // the repeated row
    expect(first.skipReasons["no phone number"]).toBeGreaterThanOrEqual(1);
    expect(first.skipReasons["not a valid phone number"]).toBeGreaterThanOrEqual(1);
    const reports = await db.report.count();
    const numbers = await countersOf(first.numbers);

    // A new run (the first finished): every row is now a duplicate.
    const second = await importFtcFile(db, file, { runBy: "tester", batchSize: 70 });
    expect(second).toMatchObject({ rows: 303, imported: 0, duplicates: first.imported + first.duplicates, skipped: first.skipped });
    expect(await db.report.count()).toBe(reports);
    expect(await countersOf(first.numbers)).toEqual(numbers);
    // The counters equal a recount.
    await recountAll(db);
    expect(await countersOf(first.numbers)).toEqual(numbers);

    const runs = await db.import.findMany({ where: { file: "twice.csv" }, orderBy: { startedAt: "asc" } });
    expect(runs.map((run) => [run.status, run.runBy, run.imported, run.duplicates, run.skipped])).toEqual([
      ["DONE", "tester", first.imported, first.duplicates, first.skipped],
      ["DONE", "tester", 0, first.imported + first.duplicates, first.skipped],
    ]);
  });

  test("an import interrupted halfway and run again ends with the rows of one uninterrupted run", async () => {
    const file = sample("interrupted.csv", 400, 500);
    const whole = await importFtcFile(db, file, { runBy: "tester", batchSize: 60 });
    const keys = [...new Set(readFileSync(file, "utf8").split("\n").slice(1).filter((line) => line.trim()).map(ftcRowKey))];
    const expected = await snapshot(keys);
    expect(expected).toHaveLength(whole.imported);
    expect(whole.imported).toBeGreaterThan(400);
    const expectedCounters = await countersOf(whole.numbers);

    // Start again from nothing, and stop after three committed batches, as a crash would.
    await db.report.deleteMany({ where: { importKey: { in: keys } } });
    await db.import.deleteMany({ where: { file: "interrupted.csv" } });
    await expect(importFtcFile(db, file, { runBy: "tester", batchSize: 60, failAfterBatches: 3 })).rejects.toThrow("Interrupted");
    const halfway = await db.import.findFirstOrThrow({ where: { file: "interrupted.csv" } });
    expect(halfway).toMatchObject({ status: "RUNNING", position: 180 });
    expect(await db.report.count({ where: { importKey: { in: keys } } })).toBe(halfway.imported);
    expect(halfway.imported).toBeGreaterThan(0);

    const resumed = await importFtcFile(db, file, { runBy: "tester", batchSize: 60 });
    expect(resumed).toMatchObject({ importId: halfway.id, resumedFrom: 180, imported: whole.imported, duplicates: whole.duplicates, skipped: whole.skipped });
    expect(await snapshot(keys)).toEqual(expected);
    expect(await countersOf(whole.numbers)).toEqual(expectedCounters);
    expect(await db.import.count({ where: { file: "interrupted.csv" } })).toBe(1);
  });

  test("the listings written after an import equal a full refresh of each number", async () => {
    const file = sample("listings.csv", 1000, 6000);
    const summary = await importFtcFile(db, file, { runBy: "tester" });
    const candidates = (await db.phoneNumber.findMany({ where: { e164: { in: summary.numbers }, reportCount: { gte: 2 } }, select: { e164: true } })).map((row) => row.e164);
    const listings = () =>
      db.listedNumber.findMany({
        where: { e164: { in: summary.numbers } },
        orderBy: { e164: "asc" },
        select: { e164: true, sha256: true, hashPrefix: true, verdict: true, allowed: true, organisationIds: true, blocked: true, category: true, confidence: true },
      });
    expect(await refreshImportedListings(summary.numbers)).toBe(candidates.length);
    const bulk = await listings();
    expect(bulk.filter((row) => row.blocked).length).toBeGreaterThan(0);
    // Versions: one each, all distinct.
    const versions = await db.listedNumber.findMany({ where: { e164: { in: summary.numbers } }, select: { blockVersion: true } });
    expect(new Set(versions.map((row) => String(row.blockVersion))).size).toBe(versions.length);

    await db.listedNumber.deleteMany({ where: { e164: { in: summary.numbers } } });
    await refreshListings(candidates);
    expect(await listings()).toEqual(bulk);
  });

  test("a file that is not in the FTC format is refused", async () => {
    const file = path.join(dir, "other.csv");
    writeFileSync(file, "name,number\nAcme,5551234567\n");
    await expect(importFtcFile(db, file, { runBy: "tester" })).rejects.toThrow(/not an FTC Do Not Call/);
  });
});
