import { expect } from "@playwright/test";
import { createUser, ownClientAddress, signInAs, sql, test, uniqueSuffix } from "./fixtures";

// The page cache (scripts/server/page-cache.mjs): visitors' public pages kept whole, with a policy of
// script hashes instead of a nonce; members rendered for themselves; a write seen by the next visitor.

async function reportedNumber(): Promise<string> {
  const e164 = `+61413${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', 2, 2, now()) ON CONFLICT DO NOTHING`, [e164]);
  for (let i = 0; i < 2; i++) {
    const reporter = await createUser();
    await sql().query(`INSERT INTO "NumberReporter" (e164, "userId", category, reports, "lastReportedAt") VALUES ($1, $2, 'SCAM', 1, now())`, [e164, reporter.id]);
  }
  return e164;
}

const scriptSrc = (policy: string | undefined) => (policy ?? "").split(";").map((part) => part.trim()).find((part) => part.startsWith("script-src")) ?? "";

test("a visitor's number page is kept whole: hashes instead of a nonce, shared caches may hold it, 304 on a match", async ({ page, request }) => {
  const e164 = await reportedNumber();
  const address = ownClientAddress();
  const first = await request.get(`/numbers/${e164}`, { headers: address });
  expect(first.status()).toBe(200);
  expect(first.headers()["x-cache"]).toBe("MISS");
  const second = await request.get(`/numbers/${e164}`, { headers: address });
  expect(second.headers()["x-cache"]).toBe("HIT");
  expect(await second.text()).toBe(await first.text());

  const headers = second.headers();
  expect(headers["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
  expect(headers.vary).toContain("Cookie");
  expect(headers.vary).toContain("RSC");
  // Only hashes (and the site's own files) may run: no nonce to replay, no 'unsafe-inline'.
  expect(scriptSrc(headers["content-security-policy"])).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["set-cookie"]).toBeUndefined();
  expect(await second.text()).not.toMatch(/nonce="/);

  const conditional = await request.get(`/numbers/${e164}`, { headers: { ...address, "if-none-match": headers.etag } });
  expect(conditional.status()).toBe(304);

  // In Chromium the kept page runs under that policy: no violation, and the app is interactive.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(`/numbers/${e164}`);
  expect(response?.headers()["x-cache"]).toBe("HIT");
  await expect(page.getByTestId("number-international")).toBeVisible();
  await page.getByRole("searchbox").first().fill("0491 570 159");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/numbers\/\+61491570159/);
  await expect(page.getByTestId("number-national")).toHaveText("0491 570 159");
  expect(violations).toEqual([]);
});

test("a HEAD is answered from the kept copy (same headers, no body) and never keeps one of its own", async ({ request }) => {
  const e164 = await reportedNumber();
  const address = ownClientAddress();
  // Nothing kept yet: Next answers the HEAD, and nothing (least of all an empty page) is kept from it.
  const before = await request.head(`/numbers/${e164}`, { headers: address });
  expect(before.status()).toBe(200);
  expect(before.headers()["x-cache"]).not.toBe("HIT");
  const first = await request.get(`/numbers/${e164}`, { headers: address });
  expect(first.headers()["x-cache"]).toBe("MISS");
  expect(await first.text()).toContain('data-testid="number-international"');
  const head = await request.head(`/numbers/${e164}`, { headers: address });
  expect(head.status()).toBe(200);
  expect(head.headers()["x-cache"]).toBe("HIT");
  expect(head.headers().etag).toBe(first.headers().etag);
  expect(head.headers()["cache-control"]).toBe(first.headers()["cache-control"]);
  expect(head.headers()["cache-control"]).toMatch(/^public, /);
  expect((await head.body()).length).toBe(0);
});

test("a signed-in member without the member-view hint (their first page) is rendered for them, with a fresh nonce, never shared", async ({ browser }) => {
  const e164 = await reportedNumber();
  const visitor = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  expect((await visitor.request.get(`/numbers/${e164}`)).headers()["x-cache"]).toBe("MISS");

  const member = await createUser();
  const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await signInAs(context, member);
  const page = await context.newPage();
  const response = await page.goto(`/numbers/${e164}`);
  const headers = response!.headers();
  expect(headers["x-cache"]).toBeUndefined();
  expect(headers["cache-control"]).toContain("no-store");
  expect(scriptSrc(headers["content-security-policy"])).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
  await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText(member.name);
  await context.close();
  await visitor.close();
});

test("pages with forms of their own and everything signed-in stay out of the cache", async ({ request }) => {
  const address = ownClientAddress();
  for (const path of ["/report", "/signin", "/api/v1/registry"]) {
    await request.get(path, { headers: address });
    const again = await request.get(path, { headers: address });
    expect(again.headers()["x-cache"], path).toBeUndefined();
    if (!path.startsWith("/api/")) expect(scriptSrc(again.headers()["content-security-policy"]), path).toContain("'nonce-");
  }
});

test("a comment is on the very next visitor's copy: the write drops the kept page", async ({ browser }) => {
  const e164 = await reportedNumber();
  const visitor = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await visitor.request.get(`/numbers/${e164}`);
  expect((await visitor.request.get(`/numbers/${e164}`)).headers()["x-cache"]).toBe("HIT");

  const member = await createUser();
  const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await signInAs(context, member);
  const page = await context.newPage();
  await page.goto(`/numbers/${e164}`);
  const body = `Kept pages drop on write ${uniqueSuffix()}`;
  const section = page.getByRole("region", { name: "Experiences" });
  await section.getByLabel("Comment", { exact: true }).fill(body);
  await section.getByRole("button", { name: "Post comment" }).click();
  await expect(section.getByText(body)).toBeVisible();

  // No waiting for a lifetime to end: the comment's write dropped the page in this instance.
  const after = await visitor.request.get(`/numbers/${e164}`);
  expect(after.headers()["x-cache"]).toBe("MISS");
  expect(await after.text()).toContain(body);
  await context.close();
  await visitor.close();
});

test("a lookup without an API key is answered from the cache, and every answer still spends the address's limit", async () => {
  const { rawGet } = await import("./instances");
  const base = process.env.E2E_BASE_URL!;
  const e164 = await reportedNumber();
  // Its own client address (the test server trusts loopback as a proxy, so X-Forwarded-For names it).
  const address = ownClientAddress();
  const url = `${base}/api/v1/numbers/${encodeURIComponent(e164)}`;
  const first = await rawGet(url, { headers: address });
  expect(first.status).toBe(200);
  expect(first.headers["x-cache"]).toBe("MISS");
  expect(first.headers["cache-control"]).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=5");
  const second = await rawGet(url, { headers: address });
  expect(second.headers["x-cache"]).toBe("HIT");
  expect(second.body).toBe(first.body);
  expect(second.headers["access-control-allow-origin"]).toBe("*");
  // 120 a minute per address (LIMITS.api), kept answers included: the 121st is refused by the app.
  for (let i = 2; i < 120; i++) expect((await rawGet(url, { headers: address })).status, `lookup ${i + 1}`).toBe(200);
  const refused = await rawGet(url, { headers: address });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  // Another address is unaffected, and an API key's request goes to the app (its quota is counted there).
  expect((await rawGet(url, { headers: ownClientAddress() })).headers["x-cache"]).toBe("HIT");
});

test("a hot page is refreshed in the background when it expires: the old copy once, then the new one, with no visitor waiting", async () => {
  const { rawGet } = await import("./instances");
  const base = process.env.E2E_BASE_URL!;
  const e164 = await reportedNumber();
  const address = ownClientAddress();
  const url = `${base}/numbers/${e164}`;
  expect((await rawGet(url, { headers: address })).headers["x-cache"]).toBe("MISS");
  // Hot: more requests within its lifetime (HOT_HITS).
  for (let i = 0; i < 10; i++) expect((await rawGet(url, { headers: address })).headers["x-cache"]).toBe("HIT");
  // Changed behind the app's back (no write announced it), then the lifetime passes.
  await sql().query(`UPDATE "PhoneNumber" SET "reportCount" = 9 WHERE e164 = $1`, [e164]);
  const lifetime = Number(process.env.PAGE_CACHE_SECONDS ?? process.env.DATA_CACHE_SECONDS ?? 5) * 1000;
  await new Promise((resolve) => setTimeout(resolve, lifetime + 500));
  const stale = await rawGet(url, { headers: address });
  expect(stale.headers["x-cache"]).toBe("STALE");
  expect(stale.body).toContain("2 reports so far");
  await expect.poll(async () => {
    const fresh = await rawGet(url, { headers: address });
    return fresh.headers["x-cache"] === "HIT" && fresh.body.includes("9 reports so far");
  }, { timeout: 15_000, intervals: [250] }).toBe(true);
});

test("the sitemap index is kept too, with its own hour-long Cache-Control", async ({ request }) => {
  const address = ownClientAddress();
  await request.get("/sitemap.xml", { headers: address });
  const kept = await request.get("/sitemap.xml", { headers: address });
  expect(kept.headers()["x-cache"]).toMatch(/^(HIT|STALE)$/);
  expect(kept.headers()["cache-control"]).toBe("public, max-age=3600, s-maxage=3600");
  expect(kept.headers()["content-type"]).toContain("application/xml");
  expect(await kept.text()).toContain("<sitemapindex");
});

test("the organisations directory and the safe-calling table are kept for visitors too", async ({ request }) => {
  const address = ownClientAddress();
  for (const path of ["/organisations", "/safe-calling", "/registry"]) {
    await request.get(path, { headers: address });
    const again = await request.get(path, { headers: address });
    expect(again.status(), path).toBe(200);
    expect(again.headers()["x-cache"], path).toMatch(/^(HIT|STALE)$/);
  }
});
