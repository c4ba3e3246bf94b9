import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { getActor } from "@/lib/accounts/authz";
import { listNumberReports, parseReportCursor, REPORTS_PAGE_SIZE } from "@/lib/numbers/report-list";
import { normalisePhone } from "@/lib/numbers/phone";
import { decodeNumberSegment, regionFor } from "@/lib/numbers/url";
import { retireDueNumbers } from "@/lib/representatives/publish";
import { env } from "@/lib/platform/env";
import { olderReportsHref, ReportList } from "../latest-reports";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Pages of a number's older reports: the number page shows the newest and links here (issue 12: every
// list has a limit and a way to the next page). Out of search results: the number page is the one to find.

/** The URL's number, read with `?region=` as the number page reads it, and the cursor. */
async function resolve({ params, searchParams }: Props) {
  const [{ number }, query] = await Promise.all([params, searchParams]);
  const input = decodeNumberSegment(number).trim();
  const result = normalisePhone(input, regionFor(query.region, env.DEFAULT_REGION));
  const before = query.before;
  return { input, result, before, hasRegion: query.region !== undefined };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { result, before } = await resolve(props);
  const title = !result.ok ? "Not a phone number" : `${before ? "Older reports" : "Reports"} on ${result.phone.national}`;
  return { title, robots: { index: false, follow: true } };
}

export default async function OlderReportsPage(props: Props) {
  const { input, result, before: raw, hasRegion } = await resolve(props);
  if (!result.ok) notFound();
  const { e164, national } = result.phone;
  // A cursor that is not one (edited by hand, cut short, given twice) is a dead link, not the first page again.
  if (raw !== undefined && typeof raw !== "string") notFound();
  const before = parseReportCursor(raw);
  if (raw !== undefined && !before) notFound();
  // Another spelling of the number: the canonical address, as for the number page.
  if (input !== e164 || hasRegion) permanentRedirect(`/numbers/${e164}/reports${raw ? `?before=${encodeURIComponent(raw)}` : ""}`);
  const actor = await getActor();
  // Registry entries past their retirement date stop counting before anything reads them (as on the number page).
  await retireDueNumbers();
  const { reports, next, visibility } = await listNumberReports(e164, actor, before);
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
        <p className="mt-1 text-sm text-slate-600">Newest first, {REPORTS_PAGE_SIZE} a page.</p>
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
          <ReportList reports={reports} testId="older-reports-list" flag={{ e164, stamp: "" }} className={!visibility.visible ? "mt-1 -mb-3" : "-my-3"} />
        )}
        {before || next ? (
          <nav aria-label="Pages of reports" className="mt-3 flex flex-wrap justify-between gap-3 border-t border-slate-100 pt-3 text-sm">
            {before ? <Link href={`${numberHref}/reports`}>← First page</Link> : <span />}
            {next ? (
              <Link href={olderReportsHref(e164, next)} rel="nofollow" data-testid="older-reports">
                Older reports →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
