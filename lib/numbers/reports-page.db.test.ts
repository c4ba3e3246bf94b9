import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { db } from "../platform/db";
import { recountAll } from "./counters";
import { getNumberPage, LATEST_REPORTS } from "./page";
import { formatReportCursor, listNumberReports, parseReportCursor } from "./report-list";

// A number's reports past the latest few: keyset pages on (occurredAt, id), newest first.

const DAY = 86_400_000;

async function numberWithReports(count: number, options: { reporters?: number; sameTime?: number } = {}) {
  const e164 = `+614915${String(randomBytes(3).readUIntBE(0, 3) % 100_000).padStart(5, "0")}`;
  await db.phoneNumber.create({ data: { e164, type: "MOBILE", country: "AU" } });
  const users = await Promise.all(
    Array.from({ length: options.reporters ?? 3 }, (_, i) =>
      db.user.create({ data: { email: `pages-${randomBytes(5).toString("hex")}-${i}@example.com`, name: `Pager ${i}`, emailVerified: new Date(Date.now() - 90 * DAY), createdAt: new Date(Date.now() - 90 * DAY) } }),
    ),
  );
  const base = Date.now() - DAY;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // The first `sameTime` reports share one moment: the id orders them.
    const occurredAt = new Date(i < (options.sameTime ?? 0) ? base : base - i * 3_600_000);
    const report = await db.report.create({ data: { e164, reporterId: users[i % users.length]!.id, category: "SCAM", occurredAt, body: `Report number ${i}` } });
    ids.push(report.id);
  }
  await recountAll(db);
  return { e164, ids };
}

async function allPages(e164: string, pageSize: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await listNumberReports(e164, null, cursor ? parseReportCursor(cursor) : null, pageSize);
    seen.push(...page.reports.map((report) => report.id));
    cursor = page.next;
    pages++;
  } while (cursor && pages < 50);
  return { seen, pages };
}

test("pages walk every visible report once, newest first, ties broken by id", async () => {
  const { e164 } = await numberWithReports(23, { sameTime: 4 });
  const hidden = await db.report.findFirstOrThrow({ where: { e164 }, orderBy: { occurredAt: "asc" } });
  await db.report.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });
  const expected = (await db.report.findMany({ where: { e164, hiddenAt: null }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], select: { id: true } })).map((r) => r.id);
  expect(expected).toHaveLength(22);
  const { seen, pages } = await allPages(e164, 5);
  expect(seen).toEqual(expected);
  expect(pages).toBe(5);
  expect(seen).not.toContain(hidden.id);
});

test("the number page shows the latest and says whether older ones exist; the older pages start after its last", async () => {
  const { e164 } = await numberWithReports(LATEST_REPORTS + 3);
  const page = await getNumberPage(e164, null);
  expect(page.latestReports).toHaveLength(LATEST_REPORTS);
  expect(page.moreReports).toBe(true);
  const older = await listNumberReports(e164, null, parseReportCursor(formatReportCursor(page.latestReports.at(-1)!)));
  expect(older.reports.map((r) => r.body)).toEqual([`Report number ${LATEST_REPORTS}`, `Report number ${LATEST_REPORTS + 1}`, `Report number ${LATEST_REPORTS + 2}`]);
  expect(older.next).toBeNull();

  const few = await numberWithReports(LATEST_REPORTS);
  expect((await getNumberPage(few.e164, null)).moreReports).toBe(false);
});

test("texts follow the number's privacy rule on every page", async () => {
  // One reporter: below the two members the texts need, so visitors see the reports without their words.
  const { e164 } = await numberWithReports(4, { reporters: 1 });
  const visitor = await listNumberReports(e164, null, null);
  expect(visitor.visibility.visible).toBe(false);
  expect(visitor.reports).toHaveLength(4);
  expect(visitor.reports.every((report) => report.body === null)).toBe(true);
  const moderator = await listNumberReports(e164, { role: "MODERATOR" }, null);
  expect(moderator.reports.every((report) => report.body?.startsWith("Report number"))).toBe(true);
});

test("a cursor is an ISO time and a report id; anything else is not one", () => {
  const at = new Date("2026-11-28T10:00:00.000Z");
  expect(parseReportCursor(formatReportCursor({ occurredAt: at, id: "cabc123" }))).toEqual({ occurredAt: at, id: "cabc123" });
  // Imported reports' ids carry their source: "scamwatch:…".
  expect(parseReportCursor(formatReportCursor({ occurredAt: at, id: "scamwatch:e2e-a-1f" }))).toEqual({ occurredAt: at, id: "scamwatch:e2e-a-1f" });
  for (const bad of [undefined, "", "cabc123", "2026-11-28~cabc", "2026-11-28T10:00:00.000Z~", "2026-11-28T10:00:00.000Z~a b", "2026-13-45T10:00:00.000Z~c1", "x".repeat(500), "2026-11-28T10:00:00.000Z~c1'; DROP TABLE", "0000-01-01T00:00:00Z~a", "1969-12-31T23:59:59Z~a"]) {
    expect(parseReportCursor(bad), String(bad)).toBeNull();
  }
});
