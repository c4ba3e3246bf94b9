// The FTC Do Not Call reported-calls CSV format (the FTC's daily files), imported by lib/imports/csv-import.ts.
import type { PrismaClient } from "../generated/prisma/client";
import { normalisePhone } from "../numbers/phone";
import { ftcCategory, parseCsv } from "./ftc-csv";
import { importCsvFile, type CsvFormat, type ImportedRow, type ImportOptions, type ImportSummary } from "./csv-import";
import { ftcRowKey } from "./row-key";

export type { ImportOptions, ImportProgress, ImportSummary } from "./csv-import";

export const FTC_IMPORTERS = 6;
const COLUMNS = ["Company_Phone_Number", "Created_Date", "Violation_Date", "Subject", "Recorded_Message_Or_Robocall"];

const utc = (value: string) => new Date(value.replace(" ", "T") + "Z");

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

// Complaint files name the same numbers again and again: parse each spelling once (bounded).
const parsedPhones = new Map<string, ReturnType<typeof normalisePhone>>();
function parsePhone(raw: string) {
  let parsed = parsedPhones.get(raw);
  if (!parsed) {
    if (parsedPhones.size >= 200_000) parsedPhones.clear();
    parsed = normalisePhone(raw, "US");
    parsedPhones.set(raw, parsed);
  }
  return parsed;
}

/** One data row → a report, or the reason it is skipped. */
export function ftcRow(line: string, col: Record<string, number>, reporterId: string): ImportedRow | { skip: string } {
  const row = parseCsv(line)[0] ?? [];
  const raw = (row[col.Company_Phone_Number!] ?? "").trim();
  if (!raw) return { skip: "no phone number" };
  const parsed = parsePhone(raw);
  if (!parsed.ok) return { skip: "not a valid phone number" };
  const occurredAt = utc(row[col.Violation_Date!] ?? "");
  const createdAt = utc(row[col.Created_Date!] ?? "");
  if (Number.isNaN(occurredAt.getTime()) || Number.isNaN(createdAt.getTime())) return { skip: "unreadable date" };
  const subject = row[col.Subject!] ?? "";
  const recorded = row[col.Recorded_Message_Or_Robocall!] ?? "";
  const state = col.Consumer_State === undefined ? "" : (row[col.Consumer_State] ?? "");
  const { e164, country, type } = parsed.phone;
  const key = ftcRowKey(line);
  return {
    key,
    e164,
    country,
    type,
    report: {
      reporterId,
      occurredAt,
      createdAt,
      channel: "CALL",
      category: ftcCategory(subject, recorded),
      leftMessage: recorded === "Y" ? true : recorded === "N" ? false : null,
      body: `FTC Do Not Call complaint. Subject: ${subject.replace(/\s+/g, " ")}.${state ? ` Consumer in ${state}.` : ""}`,
    },
  };
}

export const ftcFormat: CsvFormat = { source: "ftc", description: "an FTC Do Not Call reported-calls file", columns: COLUMNS, reporters: importers, row: ftcRow };

/** Imports one FTC CSV file (idempotent and resumable: see lib/imports/csv-import.ts). */
export const importFtcFile = (db: PrismaClient, file: string, options: ImportOptions): Promise<ImportSummary> => importCsvFile(db, file, ftcFormat, options);
