import { createUser, expect, sql, test, uniqueSuffix } from "./fixtures";

// A number's latest reports link to pages of older ones (issue 12: every list has a limit and a way on).

test("the number page shows the latest ten and links to older reports, twenty a page, to the oldest", async ({ page }) => {
  const suffix = uniqueSuffix();
  const e164 = `+61491${String(parseInt(suffix.slice(0, 6), 16) % 1_000_000).padStart(6, "0")}`;
  const reporter = await createUser();
  const db = sql();
  const total = 33;
  await db.query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', $2, 1, now()) ON CONFLICT (e164) DO NOTHING`, [e164, total]);
  for (let i = 0; i < total; i++) {
    await db.query(
      `INSERT INTO "Report" (id, e164, "reporterId", category, channel, "occurredAt", "createdAt", "askedFor", "idempotencyKey")
       VALUES ($1, $2, $3, 'SCAM', 'CALL', now() - ($4 || ' hours')::interval, now(), '{REMOTE_ACCESS}', $1)`,
      [`older-${suffix}-${String(i).padStart(2, "0")}`, e164, reporter.id, String(i + 1)],
    );
  }

  await page.goto(`/numbers/${e164}`);
  await expect(page.getByTestId("latest-reports").locator("li")).toHaveCount(10);
  await page.getByTestId("older-reports").click();
  await expect(page).toHaveURL(new RegExp(`/numbers/${e164.replace("+", "\\+")}/reports\\?before=`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Older reports");
  await expect(page.getByTestId("older-reports-list").locator("li")).toHaveCount(20);
  await page.getByTestId("older-reports").click();
  await expect(page.getByTestId("older-reports-list").locator("li")).toHaveCount(3);
  // The oldest page has no further link, and leads back.
  await expect(page.getByTestId("older-reports")).toHaveCount(0);
  await page.getByRole("link", { name: "← First page" }).click();
  await expect(page.getByTestId("older-reports-list").locator("li")).toHaveCount(20);
  await page.getByRole("link", { name: /Back to/ }).click();
  await expect(page).toHaveURL(new RegExp(`/numbers/${e164.replace("+", "\\+")}$`));
});

test("a cursor that is not one answers 404, not the first page", async ({ request }) => {
  const response = await request.get(`/numbers/+61491570157/reports?before=${encodeURIComponent("2026-11-28T10:00:00.000Z~c1'; DROP TABLE")}`);
  expect(response.status()).toBe(404);
  expect((await request.get("/numbers/+61491570157/reports")).status()).toBe(200);
  // Given twice: not a cursor either.
  expect((await request.get("/numbers/+61491570157/reports?before=a&before=b")).status()).toBe(404);
});

test("another spelling of the number is sent to the canonical address, its cursor kept", async ({ request }) => {
  const cursor = "2026-11-28T10:00:00.000Z~c1";
  const response = await request.get(`/numbers/0491570157/reports?before=${encodeURIComponent(cursor)}`, { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  expect(response.headers().location).toBe(`/numbers/+61491570157/reports?before=${encodeURIComponent(cursor)}`);
});
