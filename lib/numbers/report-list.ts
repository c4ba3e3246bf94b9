import "server-only";
// A number's reports as its pages list them, newest first: the latest on its page, and older ones a page at a
// time by cursor (/numbers/<n>/reports); texts shown only when the number's privacy rule allows.
import type { ReportCategory } from "../generated/prisma/enums";
import { db } from "../platform/db";
import { getNumberContentVisibility, type NumberViewer } from "./visibility";

export type NumberReport = {
  id: string;
  occurredAt: Date;
  channel: "CALL" | "SMS" | "VOICEMAIL";
  category: ReportCategory;
  askedFor: string[];
  leftMessage: boolean | null;
  organisation: { name: string; slug: string } | null;
  /** Null when the number's texts are not visible to this viewer. */
  body: string | null;
  callerIdName: string | null;
  /** Imported reports: the public source they came from (an https address or none). */
  source: { title: string; url: string | null } | null;
};

/** What a report row shows on a number's pages, newest first, and how it is shown. */
export const reportSelect = {
  id: true,
  occurredAt: true,
  channel: true,
  category: true,
  askedFor: true,
  leftMessage: true,
  body: true,
  callerIdName: true,
  sourceTitle: true,
  sourceUrl: true,
  organisation: { select: { name: true, slug: true } },
} as const;
export const REPORT_ORDER = [{ occurredAt: "desc" as const }, { id: "desc" as const }];

type ReportRow = {
  id: string;
  occurredAt: Date;
  channel: NumberReport["channel"];
  category: ReportCategory;
  askedFor: string[];
  leftMessage: boolean | null;
  body: string | null;
  callerIdName: string | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  organisation: { name: string; slug: string } | null;
};

export function toNumberReport(report: ReportRow, textsVisible: boolean): NumberReport {
  return {
    id: report.id,
    occurredAt: report.occurredAt,
    channel: report.channel,
    category: report.category,
    askedFor: report.askedFor,
    leftMessage: report.leftMessage,
    organisation: report.organisation,
    body: textsVisible ? report.body : null,
    callerIdName: textsVisible ? report.callerIdName : null,
    source: report.sourceTitle ? { title: report.sourceTitle, url: report.sourceUrl } : null,
  };
}

/** Where a page of a number's reports starts: after this report, in newest-first order. */
export type ReportCursor = { occurredAt: Date; id: string };

/** A cursor in a URL: `<ISO time>~<report id>`; anything else is not one. */
export function parseReportCursor(value: string | undefined): ReportCursor | null {
  const match = value ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)~([\w:.-]{1,100})$/.exec(value) : null;
  if (!match) return null;
  const occurredAt = new Date(match[1]!);
  // Before 1970 no cursor of ours points, and year 0000 is a JavaScript date PostgreSQL refuses (a 500, not a 404).
  return Number.isNaN(occurredAt.getTime()) || occurredAt.getTime() < 0 ? null : { occurredAt, id: match[2]! };
}

export const formatReportCursor = (report: { occurredAt: Date; id: string }) => `${report.occurredAt.toISOString()}~${report.id}`;

export const REPORTS_PAGE_SIZE = 20;

/**
 * A page of a number's reports older than the cursor (newest first, hidden ones left out), with the
 * cursor of the next page: one keyset read on (e164, occurredAt), starting at the cursor.
 * Texts follow the number's privacy rule for this viewer, as on its page.
 */
export async function listNumberReports(e164: string, viewer: NumberViewer, before: ReportCursor | null, pageSize = REPORTS_PAGE_SIZE) {
  const [{ visibility }, rows] = await Promise.all([
    getNumberContentVisibility(e164, viewer),
    db.report.findMany({
      where: {
        e164,
        hiddenAt: null,
        // The range bound lets the (e164, occurredAt) index start at the cursor; the OR breaks ties by id.
        ...(before ? { occurredAt: { lte: before.occurredAt }, OR: [{ occurredAt: { lt: before.occurredAt } }, { occurredAt: before.occurredAt, id: { lt: before.id } }] } : {}),
      },
      orderBy: REPORT_ORDER,
      take: pageSize + 1,
      select: reportSelect,
    }),
  ]);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    reports: page.map((report) => toNumberReport(report, visibility.visible)),
    next: rows.length > pageSize && last ? formatReportCursor(last) : null,
    visibility,
  };
}
