import { expect, test } from "vitest";
import { CHART_WEEKS, chartSeries, weekStart } from "./chart";

const NOW = new Date("2026-06-03T15:00:00Z"); // a Wednesday
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

test("weekStart is the Monday (UTC) of the ISO week", () => {
  expect(weekStart(NOW).toISOString()).toBe("2026-06-01T00:00:00.000Z");
  expect(weekStart(d("2026-05-31")).toISOString()).toBe("2026-05-25T00:00:00.000Z"); // Sunday
  expect(weekStart(d("2026-06-01")).toISOString()).toBe("2026-06-01T00:00:00.000Z");
});

test("no reports: an empty year of weeks", () => {
  const series = chartSeries([], NOW);
  expect(series).toMatchObject({ unit: "week", scope: "LAST_YEAR" });
  expect(series.points).toHaveLength(CHART_WEEKS);
  expect(series.points.at(-1)).toEqual({ start: "2026-06-01", reports: 0 });
  expect(series.points.every((p) => p.reports === 0)).toBe(true);
});

test("recent reports: per week over the last year, zeros between", () => {
  const series = chartSeries([{ weekStart: d("2026-05-25"), reports: 3 }, { weekStart: d("2026-04-06"), reports: 1 }], NOW);
  expect(series.scope).toBe("LAST_YEAR");
  expect(series.points).toHaveLength(CHART_WEEKS);
  expect(series.points.find((p) => p.start === "2026-05-25")?.reports).toBe(3);
  expect(series.points.find((p) => p.start === "2026-04-06")?.reports).toBe(1);
  expect(series.points.reduce((sum, p) => sum + p.reports, 0)).toBe(4);
});

test("old reports only: the number's own history, ending at its last report", () => {
  const series = chartSeries([{ weekStart: d("2021-07-05"), reports: 5 }, { weekStart: d("2021-08-02"), reports: 2 }], NOW);
  expect(series).toMatchObject({ unit: "week", scope: "HISTORY" });
  expect(series.points[0]).toEqual({ start: "2021-07-05", reports: 5 });
  expect(series.points.at(-1)).toEqual({ start: "2021-08-02", reports: 2 });
  expect(series.points).toHaveLength(5);
});

test("a long history is drawn per month, up to now when it is still reported", () => {
  const series = chartSeries([{ weekStart: d("2021-07-05"), reports: 5 }, { weekStart: d("2026-05-25"), reports: 1 }], NOW);
  expect(series).toMatchObject({ unit: "month", scope: "HISTORY" });
  expect(series.points[0]).toEqual({ start: "2021-07-01", reports: 5 });
  expect(series.points.at(-1)).toEqual({ start: "2026-06-01", reports: 0 });
  expect(series.points.find((p) => p.start === "2026-05-01")?.reports).toBe(1);
  expect(series.points.reduce((sum, p) => sum + p.reports, 0)).toBe(6);
});
