import type { ChartSeries } from "@/lib/numbers/chart";

// One style for every date on the chart: "Mar 2026" on the axis, "3 Mar 2026" for a bar. Spelt out
// here because en-AU's short months are irregular ("June", "Sept").
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
const monthYear = { format: (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` };
const dayMonthYear = { format: (d: Date) => `${d.getUTCDate()} ${monthYear.format(d)}` };

/** At most `max` evenly spaced month-start ticks (index into points, label). */
function ticks(series: ChartSeries, max: number) {
  const monthStarts = series.points.flatMap((point, index) => {
    const previous = series.points[index - 1];
    return !previous || previous.start.slice(0, 7) !== point.start.slice(0, 7) ? [index] : [];
  });
  const step = Math.max(1, Math.ceil(monthStarts.length / max));
  return monthStarts.filter((_, i) => i % step === 0).map((index) => ({ index, label: monthYear.format(date(series.points[index].start)) }));
}

/**
 * Reports per week (or month, for a long history) as server-rendered HTML bars: visible on first
 * paint, no chart library shipped to the browser.
 */
export function ReportChart({ series }: { series: ChartSeries }) {
  const total = series.points.reduce((sum, point) => sum + point.reports, 0);
  const peak = series.points.reduce((best, point) => (point.reports > best.reports ? point : best), series.points[0]);
  const unit = series.unit === "week" ? "week" : "month";
  const max = Math.max(1, peak?.reports ?? 0);
  const summary =
    total === 0 ? "No reports in the last year." : `${total === 1 ? "One report" : `${total.toLocaleString("en-AU")} reports`}; busiest ${unit} starting ${dayMonthYear.format(date(peak.start))} with ${peak.reports}.`;
  const count = series.points.length;
  return (
    <figure className="mt-4" data-testid="report-chart" data-points={count} data-total={total}>
      <div className="flex h-52 gap-2 sm:h-64" role="img" aria-label={`Chart of reports per ${unit}. ${summary}`}>
        <div aria-hidden className="flex w-8 shrink-0 flex-col justify-between pb-6 text-right text-xs tabular-nums text-slate-500">
          <span>{max}</span>
          <span>0</span>
        </div>
        <div className="relative min-w-0 flex-1">
          <div aria-hidden className="absolute inset-x-0 top-0 bottom-6 flex flex-col justify-between">
            <div className="border-t border-dashed border-slate-200" />
            <div className="border-t border-dashed border-slate-200" />
            <div className="border-t border-slate-300" />
          </div>
          <div className="absolute inset-x-0 top-0 bottom-6 flex items-end gap-px">
            {series.points.map((point) => (
              <div
                key={point.start}
                className="min-w-0 flex-1 rounded-t-sm bg-brand-600"
                style={{ height: point.reports ? `${Math.max(2, (point.reports / max) * 100)}%` : 0 }}
                title={`${unit === "week" ? "Week" : "Month"} of ${dayMonthYear.format(date(point.start))}: ${point.reports} ${point.reports === 1 ? "report" : "reports"}`}
              />
            ))}
          </div>
          <div aria-hidden className="absolute inset-x-0 bottom-0 h-5 text-xs text-slate-500">
            {ticks(series, 5).map((tick) => {
              const at = (tick.index / Math.max(1, count)) * 100;
              // Labels near the right edge hang leftwards so they never widen the page.
              return (
                <span key={tick.index} className="absolute whitespace-nowrap" style={at > 75 ? { right: `${100 - at}%` } : { left: `${at}%` }}>
                  {tick.label}
                </span>
              );
            })}
          </div>
        </div>
      </div>
      <figcaption className="mt-2 text-sm text-slate-600">{summary}</figcaption>
    </figure>
  );
}
