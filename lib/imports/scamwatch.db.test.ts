import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { refreshListing } from "../feeds/listing";
import { normalisePhone } from "../numbers/phone";
import { getNumberPage } from "../numbers/page";
import { db } from "../platform/db";
import { listImports } from "./history";
import { importScamwatchFile, SCAMWATCH_IMPORTER } from "./scamwatch";

const HEADER = "article_title,scam_type,threat_type,threat_value,date_reported,scam_tactics,impersonated_organizations,article_url,source";
const dir = mkdtempSync(path.join(os.tmpdir(), "scamwatch-import-"));
// The shared data file is not in the repository (SOURCES.md); it sits beside the project when provided.
const SHARED = path.join(import.meta.dirname, "../../../shared/data/scamwatch-alerts-mentioned-numbers.csv");

const e164 = (national: string) => {
  const parsed = normalisePhone(national, "AU");
  if (!parsed.ok) throw new Error(national);
  return parsed.phone.e164;
};

/** A small file in the Scamwatch scrape's format: a help line named by two alerts, one by another, a row without a number, a repeated row. */
function syntheticFile(): string {
  const first = `Scam alert: Fake refund calls,phone_spoofing,phone,1800 401 222,23 Jun 2025,"urgency, authority",ACCC,https://www.scamwatch.gov.au/news/fake-refund-calls,Scamwatch`;
  const lines = [
    HEADER,
    first,
    `General update on scam losses,phone_spoofing,general,,11 Mar 2025,"authority, greed","ACCC, Bank",https://www.scamwatch.gov.au/news/losses,Scamwatch`,
    `"Scam alert: Bank texts, calls and emails",phone_spoofing,phone,1800 401 222,18 Oct 2024,urgency,Bank,https://www.scamwatch.gov.au/news/bank-texts,Scamwatch`,
    `<b>Card collection</b> scam,phone_spoofing,phone,13 24 68,20 Nov 2024,urgency,Police,javascript:alert(1),Scamwatch`,
    first,
    "",
  ];
  const file = path.join(dir, "alerts.csv");
  writeFileSync(file, lines.join("\n"));
  return file;
}

describe("npm run import -- scamwatch", () => {
  test("files the numbers an alert names as help lines (LEGITIMATE) with the article linked, skips rows without a number, and a second run changes nothing", async () => {
    const file = syntheticFile();
    const helpLine = e164("1800 401 222");
    const other = e164("13 24 68");

    const first = await importScamwatchFile(db, file, { runBy: "tester" });
    expect(first).toMatchObject({ rows: 5, imported: 3, duplicates: 1, skipped: 1, skipReasons: { "no phone number in the alert": 1 } });
    expect(new Set(first.numbers)).toEqual(new Set([helpLine, other]));

    const reports = await db.report.findMany({
      where: { e164: { in: [helpLine, other] } },
      orderBy: { occurredAt: "asc" },
      select: { e164: true, category: true, source: true, occurredAt: true, sourceTitle: true, sourceUrl: true, importKey: true, reporter: { select: { name: true, email: true } } },
    });
    expect(reports.map((r) => [r.e164, r.category, r.source, r.occurredAt.toISOString(), r.sourceTitle, r.sourceUrl])).toEqual([
      [helpLine, "LEGITIMATE", "IMPORT", "2024-10-18T00:00:00.000Z", "Scamwatch: Scam alert: Bank texts, calls and emails", "https://www.scamwatch.gov.au/news/bank-texts"],
      [other, "LEGITIMATE", "IMPORT", "2024-11-20T00:00:00.000Z", "Scamwatch: <b>Card collection</b> scam", null], // not https: kept as text, never linked
      [helpLine, "LEGITIMATE", "IMPORT", "2025-06-23T00:00:00.000Z", "Scamwatch: Scam alert: Fake refund calls", "https://www.scamwatch.gov.au/news/fake-refund-calls"],
    ]);
    expect(reports.every((r) => r.importKey?.startsWith("scamwatch:") && r.reporter?.name === SCAMWATCH_IMPORTER.name)).toBe(true);

    // Two alerts name the help line: two reports, neither of them a scam report, so no scam verdict and no blocklist.
    await refreshListing(helpLine);
    const page = await getNumberPage(helpLine, null);
    expect(page.counts.reports).toBe(2);
    expect(page.categories).toEqual([{ category: "LEGITIMATE", reports: 2, reporters: 2 }]);
    expect(["NOT_ENOUGH", "LIKELY_LEGITIMATE"]).toContain(page.verdict.kind);
    expect(page.latestReports.map((r) => r.source)).toEqual([
      { title: "Scamwatch: Scam alert: Fake refund calls", url: "https://www.scamwatch.gov.au/news/fake-refund-calls" },
      { title: "Scamwatch: Scam alert: Bank texts, calls and emails", url: "https://www.scamwatch.gov.au/news/bank-texts" },
    ]);
    expect((await db.listedNumber.findUnique({ where: { e164: helpLine }, select: { blocked: true } }))?.blocked ?? false).toBe(false);

    const reportCount = await db.report.count();
    const second = await importScamwatchFile(db, file, { runBy: "tester" });
    expect(second).toMatchObject({ rows: 5, imported: 0, duplicates: 4, skipped: 1 });
    expect(await db.report.count()).toBe(reportCount);

    const runs = (await listImports()).filter((run) => run.file === "alerts.csv");
    expect(runs.map((run) => [run.source, run.status, run.runBy, run.imported, run.duplicates, run.skipped, run.skipReasons])).toEqual([
      ["scamwatch", "DONE", "tester", 0, 4, 1, { "no phone number in the alert": 1 }],
      ["scamwatch", "DONE", "tester", 3, 1, 1, { "no phone number in the alert": 1 }],
    ]);
  });

  test("a file in another format is refused and nothing is imported", async () => {
    const file = path.join(dir, "ftc.csv");
    writeFileSync(file, "Company_Phone_Number,Created_Date,Violation_Date,Subject\n2025550123,2021-07-07 00:01:15,2021-07-06 11:48:00,Other\n");
    const before = await db.report.count();
    await expect(importScamwatchFile(db, file, { runBy: "tester" })).rejects.toThrow("ftc.csv is not a Scamwatch alerts file (missing article_title, threat_type, threat_value, date_reported, article_url).");
    expect(await db.report.count()).toBe(before);
  });

  test.skipIf(!existsSync(SHARED))("(skipped when ../shared/data is absent) the shared Scamwatch file's help lines are neither blocklisted nor given a scam verdict", async () => {
    const summary = await importScamwatchFile(db, SHARED, { runBy: "tester" });
    const rows = readFileSync(SHARED, "utf8").split(/\r?\n/).filter((line) => line.trim()).length - 1;
    expect(summary.rows).toBe(rows);
    expect(summary.imported).toBeGreaterThan(0);
    const numbers = ["1800 595 160", "1800 007 007", "1800 941 126", "13 64 57"].map(e164);
    expect(new Set(summary.numbers)).toEqual(new Set(numbers));
    for (const number of numbers) {
      await refreshListing(number);
      const page = await getNumberPage(number, null);
      expect(page.verdict.kind, number).not.toBe("LIKELY_SCAM");
      expect(page.verdict.kind, number).not.toBe("DISPUTED");
      expect((await db.listedNumber.findUnique({ where: { e164: number }, select: { blocked: true } }))?.blocked ?? false, number).toBe(false);
      expect(await db.report.count({ where: { e164: number, category: { not: "LEGITIMATE" } } }), number).toBe(0);
    }
  });
});
