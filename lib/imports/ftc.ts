// Imports FTC Do Not Call reported-calls CSV files (the FTC's daily files) as reports.
// Takes the client as an argument (no "server-only"), like lib/numbers/counters.ts, so the command
// (scripts/import.ts) and the tests can both run it.
//
// Idempotent: each row's report carries importKey "ftc:<SHA-256 of the row>", unique in the database,
// so a row imported twice counts once. Resumable: a batch's reports and the run's position are
// committed together, and running the same file again continues an unfinished run from its position.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { PrismaClient } from "../generated/prisma/client";
import { recountAll } from "../numbers/counters";
import { normalisePhone } from "../numbers/phone";
import { ftcCategory, parseCsv } from "./ftc-csv";
import { ftcRowKey } from "./ftc-key";

export const FTC_IMPORTERS = 6;
const COLUMNS = ["Company_Phone_Number", "Created_Date", "Violation_Date", "Subject", "Recorded_Message_Or_Robocall"];

export type ImportProgress = { resumedFrom: number; rows: number; bytes: number; totalBytes: number; imported: number; duplicates: number; skipped: number };

export type ImportOptions = {
  runBy: string;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Tests: throw after this many committed batches, as a crash would. */
  failAfterBatches?: number;
};

export type ImportSummary = { importId: string; file: string; resumedFrom: number; rows: number; imported: number; duplicates: number; skipped: number; skipReasons: Record<string, number>; numbers: string[] };

const utc = (value: string) => new Date(value.replace(" ", "T") + "Z");

async function fileHash(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function importers(db: PrismaClient): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= FTC_IMPORTERS; i++) {
    const since = new Date("2021-07-08T00:00:00Z");
    const user = await db.user.upsert({
      where: { email: `ftc-import-${i}@callercheck.invalid` },
      create: { email: `ftc-import-${i}@callercheck.invalid`, name: `FTC complaint import ${i}`, emailVerified: since, createdAt: since },
      update: {},
      select: { id: true },
    });
    ids.push(user.id);
  }
  return ids;
}

type Row = { key: string; e164: string; country: string | null; type: string; report: Record<string, unknown> };

/** One data row → a report, or the reason it is skipped. */
export function ftcRow(line: string, col: Record<string, number>, reporterId: string): Row | { skip: string } {
  const row = parseCsv(line)[0] ?? [];
  const raw = (row[col.Company_Phone_Number!] ?? "").trim();
  if (!raw) return { skip: "no phone number" };
  const parsed = normalisePhone(raw, "US");
  if (!parsed.ok) return { skip: "not a valid phone number" };
  const occurredAt = utc(row[col.Violation_Date!] ?? "");
  const createdAt = utc(row[col.Created_Date!] ?? "");
  if (Number.isNaN(occurredAt.getTime()) || Number.isNaN(createdAt.getTime())) return { skip: "unreadable date" };
  const subject = row[col.Subject!] ?? "";
  const recorded = row[col.Recorded_Message_Or_Robocall!] ?? "";
  const state = col.Consumer_State === undefined ? "" : (row[col.Consumer_State] ?? "");
  const { e164, country, type } = parsed.phone;
  return {
    key: ftcRowKey(line),
    e164,
    country,
    type,
    report: {
      e164,
      reporterId,
      occurredAt,
      createdAt,
      channel: "CALL",
      category: ftcCategory(subject, recorded),
      askedFor: [],
      leftMessage: recorded === "Y" ? true : recorded === "N" ? false : null,
      body: `FTC Do Not Call complaint. Subject: ${subject.replace(/\s+/g, " ")}.${state ? ` Consumer in ${state}.` : ""}`,
      source: "IMPORT",
      importKey: ftcRowKey(line),
    },
  };
}

/** Imports one FTC CSV file; see the file comment for idempotence and resumption. */
export async function importFtcFile(db: PrismaClient, file: string, options: ImportOptions): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 5_000;
  const [hash, { size }] = await Promise.all([fileHash(file), stat(file)]);
  const reporters = await importers(db);
  const unfinished = await db.import.findFirst({ where: { source: "ftc", fileHash: hash, status: "RUNNING" }, orderBy: { startedAt: "desc" } });
  const run = unfinished ?? (await db.import.create({ data: { source: "ftc", file: path.basename(file), fileHash: hash, runBy: options.runBy } }));
  const reasons: Record<string, number> = { ...((run.skipReasons as Record<string, number>) ?? {}) };
  const totals = { imported: run.imported, duplicates: run.duplicates, skipped: run.skipped };
  const numbers = new Set<string>();

  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let col: Record<string, number> | null = null;
  let rows = 0; // data rows read
  let bytes = 0;
  let batches = 0;
  let batch: Row[] = [];
  let batchSkips: Record<string, number> = {};

  const commit = async () => {
    const unique = new Map(batch.map((row) => [row.key, row]));
    const inFile = batch.length - unique.size;
    const skippedNow = Object.values(batchSkips).reduce((a, b) => a + b, 0);
    await db.$transaction(async (tx) => {
      const numberRows = [...new Map([...unique.values()].map((row) => [row.e164, { e164: row.e164, country: row.country, type: row.type as never }])).values()];
      if (numberRows.length) await tx.phoneNumber.createMany({ data: numberRows, skipDuplicates: true });
      const { count } = unique.size ? await tx.report.createMany({ data: [...unique.values()].map((row) => row.report as never), skipDuplicates: true }) : { count: 0 };
      totals.imported += count;
      totals.duplicates += unique.size - count + inFile;
      totals.skipped += skippedNow;
      for (const [reason, n] of Object.entries(batchSkips)) reasons[reason] = (reasons[reason] ?? 0) + n;
      await tx.import.update({ where: { id: run.id }, data: { position: rows, imported: totals.imported, duplicates: totals.duplicates, skipped: totals.skipped, skipReasons: reasons } });
    }, { maxWait: 30_000, timeout: 300_000 });
    for (const row of unique.values()) numbers.add(row.e164);
    batch = [];
    batchSkips = {};
    options.onProgress?.({ resumedFrom: run.position, rows, bytes, totalBytes: size, ...totals });
    if (options.failAfterBatches !== undefined && ++batches >= options.failAfterBatches) throw new Error("Interrupted (test)");
  };

  for await (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    if (col === null) {
      const header = parseCsv(line)[0] ?? [];
      col = Object.fromEntries(header.map((name, i) => [name.trim(), i]));
      const missing = COLUMNS.filter((name) => col![name] === undefined);
      if (missing.length) throw new Error(`${path.basename(file)} is not an FTC Do Not Call reported-calls file (missing ${missing.join(", ")}).`);
      continue;
    }
    if (!line.trim()) continue;
    rows++;
    if (rows <= run.position) continue; // committed by the interrupted run
    const parsed = ftcRow(line, col, reporters[rows % FTC_IMPORTERS]!);
    if ("skip" in parsed) batchSkips[parsed.skip] = (batchSkips[parsed.skip] ?? 0) + 1;
    else batch.push(parsed);
    if (batch.length + Object.values(batchSkips).reduce((a, b) => a + b, 0) >= batchSize) await commit();
  }
  if (col === null) throw new Error(`${path.basename(file)} is empty.`);
  await commit();
  // Counters from the rows (idempotent), then the run is done.
  await recountAll(db);
  await db.import.update({ where: { id: run.id }, data: { status: "DONE", finishedAt: new Date() } });
  return { importId: run.id, file: path.basename(file), resumedFrom: run.position, rows, ...totals, skipReasons: reasons, numbers: [...numbers] };
}
