"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartSeries } from "@/lib/numbers/chart";

const monthYear = new Intl.DateTimeFormat("en-AU", { month: "short", year: "2-digit", timeZone: "UTC" });
const dayMonthYear = new Intl.DateTimeFormat("en-AU", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const label = (iso: string) => monthYear.format(new Date(`${iso}T00:00:00Z`));

/** Reports per week (or month, for a long history), drawn with recharts. */
export function ReportChart({ series }: { series: ChartSeries }) {
  const total = series.points.reduce((sum, point) => sum + point.reports, 0);
  const peak = series.points.reduce((best, point) => (point.reports > best.reports ? point : best), series.points[0]);
  const unit = series.unit === "week" ? "week" : "month";
  const summary =
    total === 0
      ? `No reports in the last year.`
      : `${total} reports; busiest ${unit} starting ${dayMonthYear.format(new Date(`${peak.start}T00:00:00Z`))} with ${peak.reports}.`;
  return (
    <figure className="mt-4" data-testid="report-chart" data-points={series.points.length} data-total={total}>
      <div className="h-52 w-full sm:h-64" role="img" aria-label={`Chart of reports per ${unit}. ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={series.points} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="start" tickFormatter={label} minTickGap={24} tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} width={48} />
            <Tooltip
              cursor={{ fill: "#eef4ff" }}
              labelFormatter={(value) => `${unit === "week" ? "Week of" : "Month of"} ${dayMonthYear.format(new Date(`${String(value)}T00:00:00Z`))}`}
              formatter={(value) => [String(value), "Reports"]}
            />
            <Bar dataKey="reports" fill="#2554e8" radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-sm text-slate-600">{summary}</figcaption>
    </figure>
  );
}
