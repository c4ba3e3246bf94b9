import Link from "next/link";
import { FormLink } from "@/components/ui/form-link";
import { CategoryBadge } from "@/components/category-badge";
import { formatDate, relativeTime } from "@/lib/display/format";
import { ASKED_FOR, CHANNELS, type AskedForKey } from "@/lib/display/labels";
import type { NumberPage } from "@/lib/numbers/page";
import { formatReportCursor, type NumberReport } from "@/lib/numbers/report-list";
import { ReportTexts } from "@/components/report-texts";
import { ReportFlag } from "./report-flag";
import { StaffReportText } from "./staff-report-text";

/**
 * The newest reports; their free text only when the privacy rule allows it (always as plain text). Where it
 * does not, staff's texts are filled in from their view of the page (`stamp`: this render, as on its other
 * member parts).
 */
export function LatestReports({ page, stamp }: { page: NumberPage; stamp: string }) {
  const { latestReports, visibility, counts } = page;
  const last = latestReports.at(-1);
  return (
    <section aria-labelledby="reports-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="reports-heading" className="text-lg font-semibold text-slate-900">Latest reports</h2>
        {counts.reports > latestReports.length ? <p className="text-sm text-slate-500">Newest {latestReports.length} of {counts.reports.toLocaleString("en-AU")}</p> : null}
      </div>
      {!visibility.visible && latestReports.length > 0 ? (
        <p className="mt-3 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600" data-testid="texts-hidden">
          {visibility.note}
        </p>
      ) : null}
      {latestReports.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          No reports yet. <FormLink href={`/report?number=${encodeURIComponent(page.e164)}`}>Report this number</FormLink> if it called you.
        </p>
      ) : (
        <ReportList reports={latestReports} testId="latest-reports" flag={{ e164: page.e164, stamp }} staffTexts={visibility.visible ? undefined : { e164: page.e164, stamp }} />
      )}
      {page.moreReports && last ? (
        <p className="mt-2 border-t border-slate-100 pt-3 text-sm">
          <FormLink href={olderReportsHref(page.e164, formatReportCursor(last))} rel="nofollow" data-testid="older-reports">
            Older reports →
          </FormLink>
        </p>
      ) : null}
    </section>
  );
}

/** The page of reports older than a cursor (app/numbers/[number]/reports). */
export function olderReportsHref(e164: string, before: string): string {
  return `/numbers/${e164}/reports?before=${encodeURIComponent(before)}`;
}

/**
 * Reports as a list, newest first (the number page's latest, and each page of older ones). `staffTexts`: the
 * texts are hidden on this copy of the page, and staff's view fills them in. `flag`: someone signed in gets a
 * "Flag" under each report (their view of the page, as `stamp` names it).
 */
export function ReportList({
  reports,
  testId,
  className = "mt-3",
  staffTexts,
  flag,
}: {
  reports: NumberReport[];
  testId: string;
  className?: string;
  staffTexts?: { e164: string; stamp: string };
  flag: { e164: string; stamp: string };
}) {
  return (
    <ol className={`divide-y divide-slate-100 ${className}`} data-testid={testId}>
      {reports.map((report) => (
        <li key={report.id} className="space-y-1.5 py-3">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            <CategoryBadge category={report.category} />
            <span className="text-slate-600">{CHANNELS[report.channel]}</span>
            <span aria-hidden className="text-slate-300">·</span>
            <time dateTime={report.occurredAt.toISOString()} title={formatDate(report.occurredAt)} className="text-slate-500">
              {relativeTime(report.occurredAt)}
            </time>
          </div>
          {report.organisation ? (
            <p className="text-sm text-slate-700">
              Claimed to be <Link href={`/organisations/${report.organisation.slug}`}>{report.organisation.name}</Link>
            </p>
          ) : null}
          {report.askedFor.length > 0 ? (
            <p className="text-sm text-slate-700">
              <span className="text-slate-500">Asked for:</span> {report.askedFor.map((key) => ASKED_FOR[key as AskedForKey] ?? key).join(", ")}
            </p>
          ) : null}
          {staffTexts ? <StaffReportText e164={staffTexts.e164} stamp={staffTexts.stamp} reportId={report.id} /> : <ReportTexts body={report.body} callerIdName={report.callerIdName} />}
          {report.source ? <ImportSource source={report.source} /> : null}
          <ReportFlag e164={flag.e164} stamp={flag.stamp} reportId={report.id} />
        </li>
      ))}
    </ol>
  );
}

/** An imported report's public source: its title as text, linked only when the address is https. */
function ImportSource({ source }: { source: { title: string; url: string | null } }) {
  const url = source.url && /^https:\/\/\S+$/i.test(source.url) ? source.url : null;
  return (
    <p className="text-sm text-slate-600" data-testid="report-source">
      <span className="text-slate-500">Source:</span>{" "}
      {url ? (
        <a href={url} rel="nofollow ugc noopener" target="_blank" className="break-words underline">
          {source.title}
        </a>
      ) : (
        <span className="break-words">{source.title}</span>
      )}
    </p>
  );
}
