import { createUser, expect, sql, test, uniqueSuffix } from "./fixtures";

// The founding story, on the demo data the e2e server seeds (prisma/seed-demo.ts). These pages are
// only read here, so the specs can run in parallel with any other.
test.describe("verdicts a worried customer reads", () => {
  test("the insurer's own rotating mobile: amber 'really them, but unsafe', its policy and a call-back link", async ({ page }) => {
    await page.goto("/numbers/+61491570006");
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "REAL_BUT_UNSAFE");
    await expect(verdict).toHaveClass(/amber/);
    await expect(verdict.getByRole("heading", { level: 2 })).toHaveText(
      "Probably really Harbour Health Insurance — but it called from a number it doesn't list.",
    );
    await expect(verdict.getByTestId("verdict-advice")).toHaveText("Don't give security answers on a call you didn't make: call back on 1800 160 401.");
    await expect(verdict.getByRole("link", { name: "1800 160 401" })).toHaveAttribute("href", "tel:+611800160401");
    // The insurer's declared policy (demo seed), one line beside the advice.
    await expect(verdict.getByTestId("verdict-policy")).toContainText("Harbour Health Insurance says it never asks for");
    await expect(verdict.getByTestId("verdict-policy")).toContainText("security answers");
    // One vote panel, asking about the organisation callers named; words, not bounds.
    await expect(page.getByRole("region", { name: "Is this really Harbour Health Insurance?" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Is this caller legitimate?" })).toHaveCount(0);
    await expect(page.getByTestId("confidence")).toHaveText("Most members who answered say this is really Harbour Health Insurance (3 of 4).");
    await expect(page.getByText(/lower bound of the trust-weighted share/)).toHaveCount(0);
  });

  test("the impersonator: red warning with the official number", async ({ page }) => {
    await page.goto("/numbers/+61491570159");
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "IMPERSONATION");
    await expect(verdict).toHaveClass(/red/);
    await expect(verdict.getByTestId("verdict-advice")).toHaveText("Hang up and call Harbour Health Insurance on 1800 160 401.");
    await expect(verdict.getByRole("link", { name: "1800 160 401" })).toHaveAttribute("href", "tel:+611800160401");
    await expect(verdict.getByTestId("verdict-policy")).toBeVisible();
    await expect(page.getByTestId("confidence")).toHaveText("All members who answered say this isn't Harbour Health Insurance (4 of 4).");
  });

  test("the verified number with a scam report: green, possibly spoofed, and not a 'Scam' on the home page", async ({ page }) => {
    await page.goto("/numbers/+61270101234");
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "VERIFIED");
    await expect(verdict).toHaveClass(/emerald/);
    await expect(verdict.getByTestId("possibly-spoofed")).toBeVisible();
  });

  test("the home page lists a scam report on a verified number as 'possibly spoofed', not 'Scam'", async ({ page }) => {
    // Its own verified number and scam report, dated a minute ahead so parallel specs' reports cannot
    // push it off the home page's eight most recent.
    const suffix = uniqueSuffix();
    // ACMA's fictitious 02 5550 xxxx range; 4477 is a demo number.
    const last4 = String(parseInt(suffix.slice(0, 6), 16) % 10_000).padStart(4, "0");
    const e164 = `+6125550${last4 === "4477" ? "4478" : last4}`;
    const reporter = await createUser();
    const db = sql();
    const { rows: [org] } = await db.query(
      `INSERT INTO "Organisation" (id, slug, name, category, country, status, "verifiedNumberCount", "updatedAt") VALUES ($1, $1, $2, 'BANK', 'AU', 'ACTIVE', 1, now()) RETURNING id, name`,
      [`spoofed-${suffix}`, `Spoofed Bank ${suffix}`],
    );
    await db.query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'FIXED_LINE', 1, 1, now())`, [e164]);
    await db.query(
      `INSERT INTO "Claim" (id, e164, "organisationId", "organisationKey", status, source, "evidenceMethod", "verifiedAt", "updatedAt") VALUES ($1, $2, $3, $3, 'VERIFIED', 'MODERATOR', 'OFFICIAL_WEBSITE', now(), now())`,
      [`claim${suffix}`, e164, org.id],
    );
    await db.query(
      `INSERT INTO "Report" (id, e164, "reporterId", category, channel, "occurredAt", "createdAt", "askedFor", "idempotencyKey") VALUES ($1, $2, $3, 'SCAM', 'CALL', now(), now() + interval '1 minute', '{}', $1)`,
      [`report${suffix}`, e164, reporter.id],
    );
    // Written in SQL, behind the app's back: the home page's data cache may hold the list from just
    // before, for at most its lifetime (DATA_CACHE_SECONDS, 5 s).
    const row = page.getByTestId("recent-reports").locator(`li[data-e164="${e164}"]`);
    await expect(async () => {
      await page.goto("/");
      await expect(row).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(row).toContainText("Possibly spoofed");
    await expect(row).toContainText(`Verified number of ${org.name}`);
    await expect(row.getByText("Scam", { exact: true })).toHaveCount(0);
  });

  test("the figures stay one click away", async ({ page }) => {
    await page.goto("/numbers/+61491570157");
    const figures = page.getByTestId("verdict-figures");
    await expect(figures.getByText(/Wilson lower bound/)).toBeHidden();
    await figures.getByText("How is this worked out?").click();
    await expect(figures.getByText(/Wilson lower bound/)).toBeVisible();
  });

  test("the chart is on the page at first paint, without a chart library", async ({ page }) => {
    await page.goto("/numbers/+61491570157");
    const chart = page.getByTestId("report-chart");
    await expect(chart).toBeVisible();
    await expect(chart.getByRole("img")).toHaveAttribute("aria-label", /Chart of reports per week\. \d+ reports; busiest week starting/);
    // Month labels in one style: "Mar 2026".
    const labels = await chart.locator("[aria-hidden] span.absolute").allTextContents();
    expect(labels.length).toBeGreaterThan(1);
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
  });
});

test.describe("a home page that fits its visitor", () => {
  test("Australian numbers first on the default region, national format, counts that matter", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("home-region")).toHaveText("Australia");
    const recent = page.getByTestId("recent-reports").locator("li");
    await expect(recent.first()).toBeVisible();
    for (const e164 of await recent.evaluateAll((items) => items.map((item) => item.getAttribute("data-e164") ?? ""))) expect(e164).toMatch(/^\+61/);
    const top = page.getByTestId("most-reported").locator("li");
    for (const e164 of await top.evaluateAll((items) => items.map((item) => item.getAttribute("data-e164") ?? ""))) expect(e164).toMatch(/^\+61/);
    // National format for the reader's own region: no "+61 …" spellings in the lists.
    for (const text of await page.getByTestId("recent-reports").getByRole("link").allTextContents()) expect(text).not.toMatch(/^\+/);
    for (const text of await page.getByTestId("most-reported").getByRole("link").allTextContents()) expect(text).not.toMatch(/^\+/);
    await expect(page.getByTestId("stat-verified")).toHaveText(/^\d+$/);
    await expect(page.getByTestId("stat-warnings")).toHaveText(/^[1-9]\d*$/);
    await expect(page.getByTestId("stat-policies")).toHaveText(/^[1-9]\d*$/);
  });

  test("another region on request, its numbers in international format", async ({ page }) => {
    await page.goto("/?region=US");
    await expect(page.getByTestId("home-region")).toHaveText("United States");
    const links = page.getByTestId("most-reported").getByRole("link");
    await expect(links.first()).toHaveText(/^\+1 /);
  });
});
