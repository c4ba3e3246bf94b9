// The benchmark data set's shape for a number of reports, shared by the seed, the driver and the
// baseline so they agree on which numbers are hot, popular or the big organisation's.
export function benchShape(reports) {
  const hot = 3;
  const hotReports = reports >= 500_000 ? 10_000 : Math.max(100, Math.floor(reports / 10));
  const orgNumbers = Math.min(5_000, Math.max(100, Math.floor(reports / 20)));
  const orgReports = Math.min(Math.floor(reports / 5), orgNumbers * 3);
  const popularReports = 50;
  const tailReports = Math.max(0, reports - hot * hotReports - orgReports - popularReports);
  return {
    reports,
    hot,
    hotReports,
    orgNumbers,
    orgReports,
    tailReports,
    // Mean two reports a number: most have 1–3.
    tailNumbers: Math.max(1, Math.floor(tailReports / 2)),
    popularNumber: "+61291000009",
    popularVotes: 3_000,
    reporters: Math.max(200, Math.min(20_000, Math.floor(reports / 50))),
    // Write-load members, half per side: enough that no one reaches the app's 20 reports a day at over
    // 1,000 reports a second (at 400, a run at 400 a second had 380 reports refused as rate-limited).
    members: 2_000,
    hotNumber: "+61291000001",
    orgSlug: "bench-mega-bank",
    orgId: "bench-org-mega",
    /** A typical number from the tail (1–3 reports). */
    tailNumber: (i) => `+614${String(10_000_000 + (i % Math.max(1, Math.floor(tailReports / 2)))).padStart(8, "0")}`,
  };
}

export function parseSize(text) {
  const match = /^(\d+)(k|m)?$/i.exec(String(text ?? "10k"));
  if (!match) throw new Error(`--size: say 10k or 1m, not ${text}`);
  return Number(match[1]) * (match[2]?.toLowerCase() === "m" ? 1_000_000 : match[2] ? 1_000 : 1);
}
