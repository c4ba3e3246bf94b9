import type { PrismaClient } from "../lib/generated/prisma/client";
import { normalisePhone } from "../lib/numbers/phone";
import { ftcRowKey } from "../lib/imports/row-key";
import { ftcCategory, parseCsv } from "../lib/imports/ftc-csv";
import { readData } from "./seed-data";

const IMPORTERS = 6;

const utc = (value: string) => new Date(value.replace(" ", "T") + "Z");

/** The FTC's public Do Not Call complaints of 2021-07-07, as reports by a handful of import members. */
export async function importFtc(db: PrismaClient): Promise<string> {
  const importers = [];
  for (let i = 1; i <= IMPORTERS; i++) {
    importers.push(
      await db.user.upsert({
        where: { email: `ftc-import-${i}@callercheck.invalid` },
        create: { email: `ftc-import-${i}@callercheck.invalid`, name: `FTC complaint import ${i}`, emailVerified: new Date("2021-07-08T00:00:00Z"), createdAt: new Date("2021-07-08T00:00:00Z") },
        update: {},
        select: { id: true },
      }),
    );
  }
  const { numbers, reports, skipped } = readFtcComplaints(importers.map((importer) => importer.id));
  const chunk = 2000;
  const numberRows = [...numbers.values()].map((n) => ({ ...n, type: n.type as never }));
  for (let i = 0; i < numberRows.length; i += chunk) await db.phoneNumber.createMany({ data: numberRows.slice(i, i + chunk), skipDuplicates: true });
  for (let i = 0; i < reports.length; i += chunk) await db.report.createMany({ data: reports.slice(i, i + chunk), skipDuplicates: true });
  return `${reports.length} reports on ${numbers.size} numbers; ${skipped} rows without a usable number skipped`;
}

/** The file's rows as numbers and reports (filed in turn under `importerIds`), and how many rows were skipped. */
export function readFtcComplaints(importerIds: string[]) {
  const text = readData("ftc-dnc-reported-calls-2021-07-08.csv");
  const [header, ...rows] = parseCsv(text).filter((r) => r.length > 1);
  // The file has no line breaks inside fields: line i + 1 is row i, keyed as `npm run import -- ftc` keys it.
  const lines = text.split(/\r?\n/).filter((line) => line.trim()).slice(1);
  const keyOf = (index: number) => (lines.length === rows.length ? ftcRowKey(lines[index]!) : null);
  const col = Object.fromEntries(header.map((name, i) => [name, i]));
  const numbers = new Map<string, { e164: string; country: string | null; type: string }>();
  const reports = [];
  let skipped = 0;
  for (const [index, row] of rows.entries()) {
    const raw = row[col.Company_Phone_Number] ?? "";
    const parsed = raw ? normalisePhone(raw, "US") : null;
    const occurredAt = utc(row[col.Violation_Date] ?? "");
    const createdAt = utc(row[col.Created_Date] ?? "");
    if (!parsed?.ok || Number.isNaN(occurredAt.getTime()) || Number.isNaN(createdAt.getTime())) {
      skipped++;
      continue;
    }
    const { e164, country, type } = parsed.phone;
    numbers.set(e164, { e164, country, type });
    const subject = row[col.Subject] ?? "";
    const recorded = row[col.Recorded_Message_Or_Robocall] ?? "";
    const state = row[col.Consumer_State];
    reports.push({
      e164,
      reporterId: importerIds[index % importerIds.length],
      occurredAt,
      createdAt,
      channel: "CALL" as const,
      category: ftcCategory(subject, recorded),
      askedFor: [],
      leftMessage: recorded === "Y" ? true : recorded === "N" ? false : null,
      body: `FTC Do Not Call complaint. Subject: ${subject.replace(/\s+/g, " ")}.${state ? ` Consumer in ${state}.` : ""}`,
      source: "IMPORT" as const,
      importKey: keyOf(index),
    });
  }
  return { numbers, reports, skipped };
}
