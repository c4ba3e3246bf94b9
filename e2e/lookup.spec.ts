import { expect, sql, test } from "./fixtures";

const pathOf = (url: string) => decodeURIComponent(new URL(url).pathname);

test.describe("looking up a number", () => {
  test("typing 0412 345 678 in the header search lands on the canonical page", async ({ page }) => {
    await page.goto("/about");
    const search = page.getByRole("search", { name: "Search numbers" });
    await search.getByRole("searchbox", { name: "Phone number" }).fill("0412 345 678");
    await search.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => pathOf(url.toString()) === "/numbers/+61412345678");
    // proxy.ts turns the search's %2B spelling into the canonical, literal "+" address.
    await expect.poll(() => new URL(page.url()).pathname).toBe("/numbers/+61412345678");
    await expect(page.getByRole("heading", { level: 1, name: "0412 345 678" })).toBeVisible();
    await expect(page.getByTestId("number-international")).toHaveText("+61 412 345 678");
    await expect(page.getByText("Mobile", { exact: true })).toBeVisible();
  });

  test("an invalid entry shows the message and stays", async ({ page }) => {
    await page.goto("/about");
    const search = page.getByRole("search", { name: "Search numbers" });
    const box = search.getByRole("searchbox", { name: "Phone number" });
    await box.fill("0412 345 67");
    await box.press("Enter");
    await expect(search.getByTestId("search-error")).toHaveText(/too short/);
    await expect(box).toHaveAttribute("aria-invalid", "true");
    expect(new URL(page.url()).pathname).toBe("/about");

    // Words and no digits: the visitor is probably looking for an organisation, and is offered that search.
    await box.fill("harbour");
    await box.press("Enter");
    await expect(search.getByTestId("search-error")).toContainText("not a phone number");
    await search.getByRole("link", { name: "Search organisations for “harbour”" }).click();
    await expect(page).toHaveURL(/\/organisations\?q=harbour$/);
  });

  test("any other spelling redirects permanently to the canonical URL", async ({ page, request }) => {
    for (const [spelling, canonical] of [
      ["/numbers/0412345678", "/numbers/+61412345678"],
      ["/numbers/%2B61%20412%20345%20678", "/numbers/+61412345678"],
      ["/numbers/%2B61412345678?region=US", "/numbers/+61412345678"],
      ["/numbers/(202)%20555-0143?region=US", "/numbers/+12025550143"],
    ]) {
      const response = await request.get(spelling, { maxRedirects: 0 });
      expect(response.status(), spelling).toBe(308);
      expect(decodeURIComponent(response.headers().location), spelling).toBe(canonical);
    }
    await page.goto("/numbers/0412345678");
    expect(new URL(page.url()).pathname).toBe("/numbers/+61412345678");
    await expect(page.getByRole("heading", { level: 1, name: "0412 345 678" })).toBeVisible();
  });

  test("a URL that is not a number gets a helpful page with the search box, answered 404", async ({ page }) => {
    for (const path of ["/numbers/12", "/numbers/not-a-number"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "That doesn't look like a phone number" })).toBeVisible();
    }
    await expect(page.getByRole("heading", { level: 1, name: "That doesn't look like a phone number" })).toBeVisible();
    await expect(page.getByTestId("invalid-number")).toContainText("no digits");
    await expect(page.getByRole("search", { name: "Look up a number" })).toBeVisible();
  });

  test("a number nobody reported: 'No reports yet' and a call to report it", async ({ page }) => {
    await page.goto("/numbers/+61255509999");
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "NOT_ENOUGH");
    await expect(verdict.getByRole("heading", { name: "No reports yet" })).toBeVisible();
    await expect(verdict.getByRole("link", { name: "Report this number" })).toHaveAttribute("href", "/report?number=%2B61255509999");
    await expect(page.getByTestId("report-count")).toHaveText("0");
  });
});

test.describe("a seeded number's page", () => {
  test("shows its counts, chart and claimed organisations", async ({ page }) => {
    const { rows } = await sql().query(`SELECT "reportCount", "reporterCount" FROM "PhoneNumber" WHERE e164 = '+61491570006'`);
    await page.goto("/numbers/+61491570006");
    await expect(page.getByTestId("report-count")).toHaveText(String(rows[0].reportCount));
    await expect(page.getByTestId("reporter-count")).toHaveText(String(rows[0].reporterCount));
    const chart = page.getByTestId("report-chart");
    await expect(chart.getByRole("img")).toBeVisible();
    await expect(chart).toHaveAttribute("data-total", String(rows[0].reportCount));
    const claimed = page.getByRole("region", { name: "Who callers claimed to be" });
    await expect(claimed.getByRole("link", { name: "Harbour Health Insurance" })).toHaveAttribute("href", "/organisations/harbour-health-insurance");
    await expect(page.getByTestId("category-mix")).toContainText("Legitimate but unsafe practice");
    await expect(page).toHaveTitle(/0491 570 006 \(\+61 491 570 006\)/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/numbers\/\+61491570006$/);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /0491 570 006 \(\+61 491 570 006\)/);
  });

  test("an FTC number is charted over its own history", async ({ page }) => {
    const { rows } = await sql().query(`SELECT e164, "reportCount" FROM "PhoneNumber" WHERE e164 LIKE '+1%' ORDER BY "reportCount" DESC, e164 LIMIT 1`);
    await page.goto(`/numbers/${rows[0].e164}`);
    await expect(page.getByTestId("report-count")).toHaveText(Number(rows[0].reportCount).toLocaleString("en-AU"));
    await expect(page.getByRole("heading", { name: /Reports over time/ })).toContainText("whole history");
    await expect(page.getByTestId("report-chart")).toHaveAttribute("data-total", String(rows[0].reportCount));
    // A foreign number reads in international format first (the default region is Australia); its own country's
    // national format follows, and the title leads with the international one too.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^\+1 \d{3} \d{3} \d{4}$/);
    await expect(page.getByTestId("number-national")).toHaveText(/^\(\d{3}\) \d{3}-\d{4}$/);
    await expect(page).toHaveTitle(/^\+1 \d{3} \d{3} \d{4} \(\(\d{3}\) \d{3}-\d{4}\) — who called\?/);
  });

  test("verified and impersonation banners", async ({ page }) => {
    await page.goto("/numbers/+61270101234");
    const verified = page.getByTestId("verdict");
    await expect(verified).toHaveAttribute("data-verdict", "VERIFIED");
    await expect(verified.getByRole("heading")).toHaveText("Verified — official number of Harbour Health Insurance.");
    await expect(verified).toContainText("Evidence:");

    await page.goto("/numbers/+61491570159");
    const warning = page.getByTestId("verdict");
    await expect(warning).toHaveAttribute("data-verdict", "IMPERSONATION");
    await expect(warning.getByRole("heading")).toHaveText("Not on Harbour Health Insurance's verified list — likely someone pretending to be Harbour Health Insurance.");
    await expect(warning.getByTestId("verdict-advice")).toHaveText("Hang up and call Harbour Health Insurance on 1800 160 401.");
  });
});

test("the lookup API, the OpenAPI document, the sitemap and robots.txt", async ({ request }) => {
  const lookup = await request.get("/api/v1/numbers/0491%20570%20159");
  expect(lookup.status()).toBe(200);
  expect(lookup.headers()["cache-control"]).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=5");
  expect(await lookup.json()).toMatchObject({ e164: "+61491570159", verdict: { kind: "IMPERSONATION" } });
  const invalid = await request.get("/api/v1/numbers/12");
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.code).toBe("INVALID");
  expect((await (await request.get("/api/v1/openapi.json")).json()).openapi).toBe("3.1.0");

  // /sitemap.xml is an index; the URLs are in its files.
  const index = await (await request.get("/sitemap.xml")).text();
  expect(index).toContain("<sitemapindex");
  const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname);
  expect(files.length).toBeGreaterThan(1);
  let sitemap = "";
  for (const file of files) {
    const response = await request.get(file);
    expect(response.status(), file).toBe(200);
    sitemap += await response.text();
  }
  expect(sitemap).toContain("/numbers/+61491570157</loc>");
  expect(sitemap).toContain("/organisations/harbour-health-insurance</loc>");
  expect(sitemap).not.toContain("/numbers/+61491570158</loc>"); // one report only
  expect(await (await request.get("/robots.txt")).text()).toMatch(/Sitemap: .*\/sitemap\.xml/);
});
