// Imports a public CSV file row by row as reports, for any format that says how a row becomes a report
// (lib/imports/ftc.ts, lib/imports/scamwatch.ts). Takes the client as an argument (no "server-only"),
// like lib/numbers/counters.ts, so the command (scripts/import.ts) and the tests can both run it.
//
// Idempotent: each row's report carries importKey "<source>:<SHA-256 of the row>", unique in the
// database, so a row imported twice counts once. Resumable: a batch's reports and the run's position are
// committed together, and running the same file again continues an unfinished run from its position.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";
import type { ReportCategory } from "../generated/prisma/enums";
import type { PhoneType } from "../numbers/phone";
import { recountAll } from "../numbers/counters";
import { parseCsv } from "./ftc-csv";

export type ImportProgress = { resumedFrom: number; rows: number; bytes: number; totalBytes: number; imported: number; duplicates: number; skipped: number };

export type ImportOptions = {
  runBy: string;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Tests: throw after this many committed batches, as a crash would. */
  failAfterBatches?: number;
};

export type ImportSummary = { importId: string; file: string; resumedFrom: number; rows: number; imported: number; duplicates: number; skipped: number; skipReasons: Record<string, number>; numbers: string[] };

/** What one data row says about a call (the rest of its report: number, importKey, source IMPORT, no asks). */
export type ImportedReport = {
  reporterId: string;
  occurredAt: Date;
  createdAt: Date;
  channel: "CALL" | "SMS" | "VOICEMAIL";
  category: ReportCategory;
  leftMessage: boolean | null;
  body: string;
  sourceTitle?: string | null;
  sourceUrl?: string | null;
};

/** One data row: its importKey, its number (E.164 and facts) and its report. */
export type ImportedRow = { key: string; e164: string; country: string | null; type: PhoneType; report: ImportedReport };

export type CsvFormat = {
  /** Import.source and the importKey prefix. */
  source: string;
  /** Named in the error for a file of another format: "an FTC Do Not Call reported-calls file". */
  description: string;
  columns: readonly string[];
  /** The import members the rows are filed under (created on first use). */
  reporters: (db: PrismaClient) => Promise<string[]>;
  /** One data row → its report, or the reason it is skipped. */
  row: (line: string, col: Record<string, number>, reporterId: string) => ImportedRow | { skip: string };
};


type Tx = Pick<PrismaClient, "$executeRawUnsafe">;

/** Prisma's cuid() alphabet, for rows inserted with raw SQL (as lib/reports/report.ts does). */
const newId = () => `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
/** A UTC timestamp as PostgreSQL's timestamp(3) column reads it (Prisma stores UTC without a zone). */
const stamp = (date: Date) => date.toISOString().replace("T", " ").replace("Z", "");

/**
 * One batch in two statements (numbers, then reports), each a single INSERT … SELECT FROM unnest(arrays)
 * ON CONFLICT DO NOTHING: Prisma's createMany sends one bind parameter per cell and is ~50× slower at
 * this size. Returns how many reports were new (a row already imported is skipped by its importKey).
 */
async function insertRows(tx: Tx, rows: ImportedRow[]): Promise<number> {
  if (!rows.length) return 0;
  const numbers = [...new Map(rows.map((row) => [row.e164, row])).values()];
  await tx.$executeRawUnsafe(
    `INSERT INTO "PhoneNumber" (e164, country, type, "updatedAt")
     SELECT e, c, t::"NumberType", now() FROM unnest($1::text[], $2::text[], $3::text[]) AS x(e, c, t)
     ON CONFLICT (e164) DO NOTHING`,
    numbers.map((row) => row.e164),
    numbers.map((row) => row.country),
    numbers.map((row) => row.type),
  );
  const column = <T,>(pick: (row: ImportedRow) => T) => rows.map(pick);
  return tx.$executeRawUnsafe(
    `INSERT INTO "Report" (id, e164, "reporterId", "occurredAt", "createdAt", channel, category, "askedFor", "leftMessage", body, source, "importKey", "sourceTitle", "sourceUrl")
     SELECT id, e164, reporter, occurred, created, channel::"Channel", category::"ReportCategory", '{}', left_message, body, 'IMPORT', key, title, url
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp(3)[], $5::timestamp(3)[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::text[], $11::text[], $12::text[])
         AS x(id, e164, reporter, occurred, created, channel, category, left_message, body, key, title, url)
     ON CONFLICT ("importKey") DO NOTHING`,
    column(() => newId()),
    column((row) => row.e164),
    column((row) => row.report.reporterId),
    column((row) => stamp(row.report.occurredAt)),
    column((row) => stamp(row.report.createdAt)),
    column((row) => row.report.channel),
    column((row) => row.report.category),
    column((row) => row.report.leftMessage),
    column((row) => row.report.body),
    column((row) => row.key),
    column((row) => row.report.sourceTitle ?? null),
    column((row) => row.report.sourceUrl ?? null),
  );
}

async function fileHash(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Imports one CSV file of `format`; see the file comment for idempotence and resumption. */
export async function importCsvFile(db: PrismaClient, file: string, format: CsvFormat, options: ImportOptions): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 5_000;
  const [hash, { size }] = await Promise.all([fileHash(file), stat(file)]);
  const reporters = await format.reporters(db);
  const unfinished = await db.import.findFirst({ where: { source: format.source, fileHash: hash, status: "RUNNING" }, orderBy: { startedAt: "desc" } });
  const run = unfinished ?? (await db.import.create({ data: { source: format.source, file: path.basename(file), fileHash: hash, runBy: options.runBy } }));
  const reasons: Record<string, number> = { ...((run.skipReasons as Record<string, number>) ?? {}) };
  const totals = { imported: run.imported, duplicates: run.duplicates, skipped: run.skipped };
  const numbers = new Set<string>();

  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let col: Record<string, number> | null = null;
  let rows = 0; // data rows read
  let bytes = 0;
  let batches = 0;
  let batch: ImportedRow[] = [];
  let batchSkips: Record<string, number> = {};
  let batchSkipped = 0;

  const commit = async () => {
    const unique = new Map(batch.map((row) => [row.key, row]));
    const inFile = batch.length - unique.size;
    await db.$transaction(async (tx) => {
      const count = await insertRows(tx, [...unique.values()]);
      totals.imported += count;
      totals.duplicates += unique.size - count + inFile;
      totals.skipped += batchSkipped;
      for (const [reason, n] of Object.entries(batchSkips)) reasons[reason] = (reasons[reason] ?? 0) + n;
      await tx.import.update({ where: { id: run.id }, data: { position: rows, imported: totals.imported, duplicates: totals.duplicates, skipped: totals.skipped, skipReasons: reasons } });
    }, { maxWait: 30_000, timeout: 300_000 });
    for (const row of unique.values()) numbers.add(row.e164);
    batch = [];
    batchSkips = {};
    batchSkipped = 0;
    options.onProgress?.({ resumedFrom: run.position, rows, bytes, totalBytes: size, ...totals });
    if (options.failAfterBatches !== undefined && ++batches >= options.failAfterBatches) throw new Error("Interrupted (test)");
  };

  for await (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    if (col === null) {
      const header = parseCsv(line)[0] ?? [];
      col = Object.fromEntries(header.map((name, i) => [name.trim(), i]));
      const missing = format.columns.filter((name) => col![name] === undefined);
      if (missing.length) throw new Error(`${path.basename(file)} is not ${format.description} (missing ${missing.join(", ")}).`);
      continue;
    }
    if (!line.trim()) continue;
    rows++;
    if (rows <= run.position) continue; // committed by the interrupted run
    const parsed = format.row(line, col, reporters[rows % reporters.length]!);
    if ("skip" in parsed) (batchSkips[parsed.skip] = (batchSkips[parsed.skip] ?? 0) + 1), batchSkipped++;
    else batch.push(parsed);
    if (batch.length + batchSkipped >= batchSize) await commit();
  }
  if (col === null) throw new Error(`${path.basename(file)} is empty.`);
  await commit();
  // Counters from the rows (idempotent), then the run is done.
  await recountAll(db);
  await db.import.update({ where: { id: run.id }, data: { status: "DONE", finishedAt: new Date() } });
  return { importId: run.id, file: path.basename(file), resumedFrom: run.position, rows, ...totals, skipReasons: reasons, numbers: [...numbers] };
}
