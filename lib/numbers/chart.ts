// Pure: turns a number's weekly report counts into the series its page draws.

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** A year of weeks: the window when every report is recent. */
export const CHART_WEEKS = 52;
/** Past this many weeks (a long history), points are months so the chart stays readable. */
const MAX_WEEK_POINTS = 104;

export type ChartPoint = { start: string; reports: number };
export type ChartSeries = { unit: "week" | "month"; scope: "LAST_YEAR" | "HISTORY"; points: ChartPoint[] };

/** Monday 00:00 UTC of the ISO week containing `date` (as NumberWeekStat.weekStart is stored). */
export function weekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY);
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Per week over the last year when every report is from it; otherwise over the number's whole
 * history (seeded public data is from past years), ending now if it was reported this year.
 * Weeks without reports are zeros, so the line keeps its time scale.
 */
export function chartSeries(weeks: { weekStart: Date; reports: number }[], now: Date = new Date()): ChartSeries {
  const thisWeek = weekStart(now);
  const yearStart = new Date(thisWeek.getTime() - (CHART_WEEKS - 1) * WEEK);
  const sorted = [...weeks].sort((a, b) => a.weekStart.getTime() - b.weekStart.getTime());
  const first = sorted[0] ? weekStart(sorted[0].weekStart) : null;
  const last = sorted.at(-1) ? weekStart(sorted.at(-1)!.weekStart) : null;
  const recent = !first || first.getTime() >= yearStart.getTime();
  const from = recent ? yearStart : first!;
  const to = recent || last!.getTime() >= yearStart.getTime() ? thisWeek : last!;

  const counts = new Map<string, number>();
  for (const week of sorted) {
    const key = isoDate(weekStart(week.weekStart));
    counts.set(key, (counts.get(key) ?? 0) + week.reports);
  }
  const points: ChartPoint[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += WEEK) {
    const key = isoDate(new Date(t));
    points.push({ start: key, reports: counts.get(key) ?? 0 });
  }
  const scope = recent ? "LAST_YEAR" : "HISTORY";
  if (points.length <= MAX_WEEK_POINTS) return { unit: "week", scope, points };
  return { unit: "month", scope, points: byMonth(points) };
}

function byMonth(points: ChartPoint[]): ChartPoint[] {
  const months = new Map<string, number>();
  for (const point of points) {
    // A week belongs to the month its Monday is in.
    const key = `${point.start.slice(0, 7)}-01`;
    months.set(key, (months.get(key) ?? 0) + point.reports);
  }
  const first = new Date(`${points[0].start.slice(0, 7)}-01T00:00:00Z`);
  const last = new Date(`${points.at(-1)!.start.slice(0, 7)}-01T00:00:00Z`);
  const result: ChartPoint[] = [];
  for (let d = first; d.getTime() <= last.getTime(); d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    const key = isoDate(d);
    result.push({ start: key, reports: months.get(key) ?? 0 });
  }
  return result;
}
