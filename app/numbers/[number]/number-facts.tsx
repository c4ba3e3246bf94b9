import { formatDate, relativeTime } from "@/lib/display/format";
import type { NumberPage } from "@/lib/numbers/page";

/** Report count, distinct reporters, first and last reported: all from the number's counters. */
export function NumberFacts({ page }: { page: NumberPage }) {
  const facts = [
    { label: "Reports", value: page.counts.reports.toLocaleString("en-AU"), testId: "report-count" },
    page.visitorReports
      ? { label: "Members who reported it", value: page.counts.reporters.toLocaleString("en-AU"), testId: "reporter-count", note: "and visitors without an account" }
      : { label: "People who reported it", value: page.counts.reporters.toLocaleString("en-AU"), testId: "reporter-count" },
    { label: "First reported", value: page.firstReportedAt ? formatDate(page.firstReportedAt) : "—", title: page.firstReportedAt && relativeTime(page.firstReportedAt) },
    { label: "Last reported", value: page.lastReportedAt ? formatDate(page.lastReportedAt) : "—", title: page.lastReportedAt && relativeTime(page.lastReportedAt) },
  ];
  return (
    <section aria-labelledby="facts-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="facts-heading" className="text-lg font-semibold text-slate-900">At a glance</h2>
      <dl className="mt-4 grid grid-cols-2 gap-4">
        {facts.map((fact) => (
          <div key={fact.label} className="rounded-lg bg-slate-50 px-3 py-2.5">
            <dt className="text-xs font-medium text-slate-500">{fact.label}</dt>
            <dd className="mt-0.5 text-lg font-semibold text-slate-900" data-testid={fact.testId} title={fact.title ?? undefined}>
              {fact.value}
            </dd>
            {"note" in fact && fact.note ? <dd className="text-xs text-slate-600">{fact.note}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}
