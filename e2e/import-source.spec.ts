import { createUser, expect, sql, test, uniqueSuffix } from "./fixtures";

test("an imported report shows its source as text, linked only to an https address, with rel nofollow ugc noopener", async ({ page }) => {
  const suffix = uniqueSuffix();
  // ACMA's fictitious 02 7010 xxxx range.
  const e164 = `+6127010${String(parseInt(suffix.slice(0, 6), 16) % 10_000).padStart(4, "0")}`;
  const importer = await createUser();
  const db = sql();
  await db.query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'FIXED_LINE', 2, 2, now()) ON CONFLICT (e164) DO NOTHING`, [e164]);
  const insert = (id: string, title: string, url: string, minutes: number) =>
    db.query(
      `INSERT INTO "Report" (id, e164, "reporterId", category, channel, "occurredAt", "createdAt", "askedFor", source, "importKey", body, "sourceTitle", "sourceUrl")
       VALUES ($1, $2, $3, 'LEGITIMATE', 'CALL', now() - ($6 || ' minutes')::interval, now(), '{}', 'IMPORT', $1, 'An alert names this number as a help line.', $4, $5)`,
      [id, e164, importer.id, title, url, String(minutes)],
    );
  await insert(`scamwatch:e2e-a-${suffix}`, `Scamwatch: <img src=x onerror="window.__pwned=1"> alert ${suffix}`, `https://www.scamwatch.gov.au/news/${suffix}`, 1);
  await insert(`scamwatch:e2e-b-${suffix}`, `Scamwatch: not linked ${suffix}`, "javascript:window.__pwned=2", 2);

  await page.goto(`/numbers/${e164}`);
  const sources = page.getByTestId("report-source");
  await expect(sources).toHaveCount(2);
  const link = sources.nth(0).getByRole("link");
  await expect(link).toHaveText(`Scamwatch: <img src=x onerror="window.__pwned=1"> alert ${suffix}`);
  await expect(link).toHaveAttribute("href", `https://www.scamwatch.gov.au/news/${suffix}`);
  await expect(link).toHaveAttribute("rel", "nofollow ugc noopener");
  await expect(sources.nth(0).locator("img")).toHaveCount(0);
  await expect(sources.nth(1)).toContainText(`Scamwatch: not linked ${suffix}`);
  await expect(sources.nth(1).getByRole("link")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
