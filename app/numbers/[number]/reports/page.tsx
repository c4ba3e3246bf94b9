import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { getActor } from "@/lib/accounts/authz";
import { listNumberReports, parseReportCursor, REPORTS_PAGE_SIZE } from "@/lib/numbers/page";
import { normalisePhone } from "@/lib/numbers/phone";
import { decodeNumberSegment } from "@/lib/numbers/url";
import { env } from "@/lib/platform/env";
import { olderReportsHref, ReportList } from "../latest-reports";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Pages of a number's older reports: the number page shows the newest and links here (issue 12: every
// list has a limit and a way to the next page). Out of search results: the number page is the one to find.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const parsed = normalisePhone(decodeNumberSegment((await params).number), env.DEFAULT_REGION);
  return { title: parsed.ok ? `Older reports on ${parsed.phone.national}` : "Not a phone number", robots: { index: false, follow: true } };
}

export default async function OlderReportsPage({ params, searchParams }: Props) {
  const [{ number }, query] = await Promise.all([params, searchParams]);
  const parsed = normalisePhone(decodeNumberSegment(number), env.DEFAULT_REGION);
  if (!parsed.ok) notFound();
  const { e164, national } = parsed.phone;
  const raw = typeof query.before === "string" ? query.before : undefined;
  const before = parseReportCursor(raw);
  // A cursor that is not one (edited by hand, cut short) is a dead link, not the first page again.
  if (raw !== undefined && !before) notFound();
  const actor = await getActor();
  const { reports, next, visibility, total } = await listNumberReports(e164, actor, before);
  const numberHref = `/numbers/${e164}`;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link href={numberHref}>← Back to {national}</Link>
        </p>
        <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          {before ? "Older reports" : "Reports"} on <span className="font-mono">{national}</span>
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Newest first, {REPORTS_PAGE_SIZE} a page{total > 0 ? ` · ${total.toLocaleString("en-AU")} ${total === 1 ? "report" : "reports"} in all` : ""}.
        </p>
      </header>
      <section aria-label="Reports" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        {!visibility.visible && reports.length > 0 ? (
          <Alert tone="info" testId="texts-hidden">
            {visibility.note}
          </Alert>
        ) : null}
        {reports.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="no-older-reports">
            {before ? "There are no older reports." : "No reports yet."} <Link href={numberHref}>Back to the number&apos;s page</Link>.
          </p>
        ) : (
          <ReportList reports={reports} testId="older-reports-list" />
        )}
        <nav aria-label="Pages of reports" className="mt-3 flex flex-wrap justify-between gap-3 border-t border-slate-100 pt-3 text-sm">
          {before ? <Link href={`${numberHref}/reports`}>← Newest reports</Link> : <span />}
          {next ? (
            <Link href={olderReportsHref(e164, next)} rel="nofollow" data-testid="older-reports">
              Older reports →
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
