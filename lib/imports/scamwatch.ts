// The Scamwatch-style alerts CSV (ACCC Scamwatch articles and the phone numbers a scraper took from them),
// imported by lib/imports/csv-import.ts.
//
// The numbers in these alerts are the help lines the alerts tell people to call (IDCARE, the National
// Debt Helpline, Services Australia's scams line), which the scraper labelled "threat" (see
// ../shared/data/SOURCES.md). Each is filed as what the article says it is: a LEGITIMATE report that
// the alert names the number as a place to get help, with the article as its linked source. A SCAM
// report would put real help lines on the blocklist.
import type { PrismaClient } from "../generated/prisma/client";
import { normalisePhone } from "../numbers/phone";
import { parseCsv } from "./ftc-csv";
import { rowKey } from "./row-key";
import { importCsvFile, type CsvFormat, type ImportedRow, type ImportOptions, type ImportSummary } from "./csv-import";

export const SCAMWATCH_IMPORTER = { email: "scamwatch-import@callercheck.invalid", name: "Scamwatch alerts (import)" };
const COLUMNS = ["article_title", "threat_type", "threat_value", "date_reported", "article_url"];
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "23 Jun 2025" (the alerts' date) → midnight UTC that day; null when unreadable. */
export function alertDate(value: string): Date | null {
  const match = /^(\d{1,2}) ([A-Za-z]{3})[A-Za-z]* (\d{4})$/.exec(value.trim());
  const month = match ? MONTHS.indexOf(match[2]!.toLowerCase()) : -1;
  if (!match || month < 0) return null;
  const date = new Date(Date.UTC(Number(match[3]), month, Number(match[1])));
  return date.getUTCDate() === Number(match[1]) ? date : null;
}

/** The article's address when it is a plain https URL (the only kind a number page links to). */
export function httpsUrl(value: string): string | null {
  const text = value.trim();
  if (!/^https:\/\/\S+$/i.test(text) || text.length > 2_000) return null;
  try {
    return new URL(text).protocol === "https:" ? text : null;
  } catch {
    return null;
  }
}

async function importer(db: PrismaClient): Promise<string[]> {
  const user = await db.user.upsert({
    where: { email: SCAMWATCH_IMPORTER.email },
    create: { ...SCAMWATCH_IMPORTER, emailVerified: new Date() },
    update: {},
    select: { id: true },
  });
  return [user.id];
}

/** One alert row → a LEGITIMATE report on the number it names, or the reason it is skipped. */
export function scamwatchRow(line: string, col: Record<string, number>, reporterId: string): ImportedRow | { skip: string } {
  const row = parseCsv(line)[0] ?? [];
  const field = (name: string) => (row[col[name]!] ?? "").trim();
  const value = field("threat_value");
  if (field("threat_type") !== "phone" || !value) return { skip: "no phone number in the alert" };
  const parsed = normalisePhone(value, "AU");
  if (!parsed.ok) return { skip: "not a valid phone number" };
  const reported = alertDate(field("date_reported"));
  if (!reported) return { skip: "unreadable date" };
  const title = field("article_title").replace(/\s+/g, " ").slice(0, 300);
  const { e164, country, type } = parsed.phone;
  const key = rowKey("scamwatch", line);
  return {
    key,
    e164,
    country,
    type,
    report: {
      reporterId,
      occurredAt: reported,
      createdAt: reported,
      channel: "CALL",
      category: "LEGITIMATE",
      leftMessage: null,
      body: "A Scamwatch (ACCC) alert names this number as a place to get help or report a scam. It is filed as a help line, not as a scam number.",
      sourceTitle: title ? `Scamwatch: ${title}` : "Scamwatch alert",
      sourceUrl: httpsUrl(field("article_url")),
    },
  };
}

export const scamwatchFormat: CsvFormat = { source: "scamwatch", description: "a Scamwatch alerts file", columns: COLUMNS, reporters: importer, row: scamwatchRow };

/** Imports one Scamwatch alerts CSV file (idempotent and resumable: see lib/imports/csv-import.ts). */
export const importScamwatchFile = (db: PrismaClient, file: string, options: ImportOptions): Promise<ImportSummary> => importCsvFile(db, file, scamwatchFormat, options);
