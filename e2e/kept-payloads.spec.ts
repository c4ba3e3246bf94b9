import { test as base, expect, type Page } from "@playwright/test";
import { createUser, reportedNumber, signInAs, sql, uniqueSuffix } from "./fixtures";
import { freePort, ownLoopbackAddress, postCommentThrough, rawGet, startInstance, type Instance } from "./instances";

// A visitor's RSC payloads kept like their pages (scripts/server/page-cache.mjs, rscPayloadKey): a browser
// prefetches every link a page shows and asks for a payload on every client-side navigation; each of those was
// rendered per request, so a visitor sent a kept page still cost a render per link on it.
// One instance of its own with a long lifetime, so a MISS after a write is the write's doing, not the clock's.
const test = base.extend<{}, { instance: Instance }>({
  instance: [
    async ({}, use) => {
      const port = await freePort();
      const instance = await startInstance({ PORT: String(port), AUTH_URL: `http://127.0.0.1:${port}`, DATA_CACHE_SECONDS: "120" });
      await use(instance);
      await instance.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

type Asked = { url: string; headers: Record<string, string>; prefetch: boolean };

/** A client-side navigation through Next's router, as a link to the page would make it (no page links to a test's number). */
const navigate = (page: Page, path: string) => page.evaluate((href) => (window as unknown as { next: { router: { push(href: string): void } } }).next.router.push(href), path);

/** Records the RSC requests (prefetches and navigations) the page's browser makes. */
function recordPayloadRequests(page: Page): Asked[] {
  const asked: Asked[] = [];
  page.on("request", (request) => {
    const headers = request.headers();
    if (headers.rsc !== "1") return;
    // The headers Next renders a payload by, as the browser sent them (rawGet sends its own Host and Connection).
    const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => name === "rsc" || name.startsWith("next-")));
    asked.push({ url: request.url(), headers: kept, prefetch: headers["next-router-prefetch"] === "1" });
  });
  return asked;
}

/** Asks for a payload as the browser did, twice; the second answer must come from the kept copy, the same bytes. */
async function expectKept(asked: Asked, from: string) {
  await expect(async () => {
    const first = await rawGet(asked.url, { from, headers: asked.headers });
    const second = await rawGet(asked.url, { from, headers: asked.headers });
    expect(first.status, asked.url).toBe(200);
    expect(second.headers["x-cache"], asked.url).toBe("HIT");
    expect(second.body, asked.url).toBe(first.body);
  }).toPass({ timeout: 20_000 });
}

test("a visitor's prefetches are kept: the next visitor's browser is answered without a render, with Next's own headers", async ({ browser, instance }) => {
  const e164 = await reportedNumber(2);
  const context = await browser.newContext();
  const page = await context.newPage();
  const asked = recordPayloadRequests(page);
  await page.goto(`${instance.baseUrl}/numbers/${encodeURIComponent(e164)}`);
  await expect(page.getByTestId("number-international")).toBeVisible();
  // The header's links (home, report, organisations, registry, sign in, sign up) are prefetched once seen.
  await expect.poll(() => new Set(asked.filter((item) => item.prefetch).map((item) => new URL(item.url).pathname)).size, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
  await page.waitForLoadState("networkidle");
  await context.close();

  const from = ownLoopbackAddress();
  const prefetches = asked.filter((item) => item.prefetch);
  // Nothing it prefetches is a JSON document asked for as a page (the API description is a plain link), nor a
  // form made for this one number (components/ui/form-link.tsx): only links every page shares.
  expect(prefetches.map((item) => new URL(item.url).pathname)).not.toContain("/api/v1/openapi.json");
  for (const item of prefetches) expect(new URL(item.url).search, item.url).not.toMatch(/[?&](number|callbackUrl)=/);
  expect(prefetches.map((item) => decodeURIComponent(new URL(item.url).pathname))).not.toContain(`/numbers/${e164}/removal`);
  for (const item of prefetches) await expectKept(item, from);

  const sample = prefetches.find((item) => new URL(item.url).pathname === "/registry")!;
  expect(sample, "the header's registry link is prefetched").toBeDefined();
  const answer = await rawGet(sample.url, { from, headers: sample.headers });
  expect(answer.headers["content-type"]).toMatch(/^text\/x-component/);
  // Only this server keeps it: a shared cache is told not to (Next's own Cache-Control), and the Vary names
  // every header the payload was rendered by.
  expect(answer.headers["cache-control"]).toContain("no-store");
  for (const name of ["RSC", "Next-Router-State-Tree", "Next-Router-Prefetch", "Next-Router-Segment-Prefetch", "Next-Url"]) expect(answer.headers.vary).toContain(name);

  // A second visitor's browser: the same prefetches, answered from the kept payloads, and its pages still work.
  const second = await browser.newContext();
  const again = await second.newPage();
  const answers: string[] = [];
  again.on("response", (response) => {
    if (response.request().headers()["next-router-prefetch"] === "1") answers.push(response.headers()["x-cache"] ?? "none");
  });
  await again.goto(`${instance.baseUrl}/numbers/${encodeURIComponent(e164)}`);
  await expect.poll(() => answers.filter((cache) => cache === "HIT").length, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
  await again.getByRole("banner").getByRole("link", { name: "Registry" }).click();
  await expect(again).toHaveURL(/\/registry$/);
  await expect(again.getByRole("heading", { level: 1 })).toBeVisible();
  await second.close();
});

test("a visitor's client-side navigation is kept, and a write drops it like the page", async ({ browser, instance }) => {
  const e164 = await reportedNumber(2);
  const from = ownLoopbackAddress();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${instance.baseUrl}/about`);
  await page.waitForLoadState("networkidle");
  const asked = recordPayloadRequests(page);
  await navigate(page, `/numbers/${e164}`);
  await expect(page.getByTestId("number-international")).toBeVisible();
  const navigation = asked.find((item) => !item.prefetch && decodeURIComponent(new URL(item.url).pathname) === `/numbers/${e164}`);
  expect(navigation, "the navigation asked for the number's payload").toBeDefined();
  await expectKept(navigation!, from);
  await context.close();

  const body = `Kept payloads drop on write ${uniqueSuffix()}`;
  await postCommentThrough(browser, instance.baseUrl, e164, body);
  // The comment's write dropped the payload with the page: the next visitor's navigation has it.
  await expect(async () => {
    const after = await rawGet(navigation!.url, { from, headers: navigation!.headers });
    expect(after.status).toBe(200);
    expect(after.body).toContain(body);
  }).toPass({ timeout: 15_000 });
});

test("a member's navigations are rendered for them; their prefetches, which hold nothing of theirs, are the visitors' kept ones", async ({ browser, instance }) => {
  const e164 = await reportedNumber(2);
  const member = await createUser();
  const context = await browser.newContext();
  await signInAs(context, member);
  const page = await context.newPage();
  await page.goto(`${instance.baseUrl}/about`);
  // Their first GET /api/me sets the member-view hint.
  await expect.poll(async () => (await context.cookies()).some((cookie) => cookie.name === "callercheck-view"), { timeout: 15_000 }).toBe(true);
  await page.waitForLoadState("networkidle");
  // A page opened with the hint: its links' prefetches are answered from the visitors' kept payloads.
  const next = await context.newPage();
  const answers: Array<{ prefetch: boolean; cache: string | undefined }> = [];
  next.on("response", (response) => {
    const headers = response.request().headers();
    if (headers.rsc === "1") answers.push({ prefetch: headers["next-router-prefetch"] === "1", cache: response.headers()["x-cache"] });
  });
  const asked = recordPayloadRequests(next);
  await next.goto(`${instance.baseUrl}/numbers/${encodeURIComponent(e164)}`);
  await expect(next.getByTestId("current-user").filter({ visible: true })).toHaveText(member.name);
  await expect.poll(() => answers.filter((answer) => answer.prefetch && (answer.cache === "HIT" || answer.cache === "MISS")).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
  await next.waitForLoadState("networkidle");
  // Their client-side navigation is rendered for them, their own parts in it.
  await navigate(next, "/about");
  await expect(next).toHaveURL(/\/about$/);
  await expect(next.getByTestId("current-user").filter({ visible: true })).toHaveText(member.name);
  await next.waitForLoadState("networkidle");
  const navigations = answers.filter((answer) => !answer.prefetch);
  expect(navigations.length).toBeGreaterThan(0);
  expect(navigations.every((answer) => answer.cache === undefined)).toBe(true);
  const session = (await context.cookies()).find((cookie) => cookie.name === "authjs.session-token")!;
  await context.close();

  // What makes sharing them right: a prefetch rendered for the member (their session, no hint: rendered for
  // them alone) says what the visitors' one says. Compared by the strings in it (titles, descriptions, links,
  // route segments), not byte for byte: React gives each render random keys, and rows come in the order they
  // resolved, so references ("$L…") differ between any two renders.
  const sameExceptKeys = (text: string) =>
    [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)]
      .map((match) => match[1])
      .filter((value) => !value.startsWith("$") && !/^[A-Za-z0-9_-]{22}$/.test(value))
      .sort()
      .join("\n");
  const from = ownLoopbackAddress();
  const prefetches = asked.filter((item) => item.prefetch);
  expect(prefetches.length).toBeGreaterThan(0);
  for (const item of prefetches) {
    const theirs = await rawGet(item.url, { from, headers: { ...item.headers, cookie: `${session.name}=${session.value}` } });
    const visitors = await rawGet(item.url, { from, headers: item.headers });
    expect(theirs.headers["x-cache"], item.url).toBeUndefined();
    expect(theirs.status, item.url).toBe(200);
    expect(sameExceptKeys(theirs.body), item.url).toBe(sameExceptKeys(visitors.body));
    expect(theirs.body).not.toContain(member.name);
  }
});

test("a hot payload is refreshed in the background when it expires, asked for as the browser first asked", async ({ browser }) => {
  // The suite's server: its lifetime is the default's few seconds.
  const base = process.env.E2E_BASE_URL!;
  const e164 = await reportedNumber(2);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/about`);
  await page.waitForLoadState("networkidle");
  const asked = recordPayloadRequests(page);
  await navigate(page, `/numbers/${e164}`);
  await expect(page.getByTestId("number-international")).toBeVisible();
  await context.close();
  const navigation = asked.find((item) => !item.prefetch && decodeURIComponent(new URL(item.url).pathname) === `/numbers/${e164}`)!;
  expect(navigation, "the navigation asked for the number's payload").toBeDefined();

  const from = ownLoopbackAddress();
  const ask = () => rawGet(navigation.url, { from, headers: navigation.headers });
  await expectKept(navigation, from);
  // Hot: more requests within its lifetime (HOT_HITS).
  for (let i = 0; i < 5; i++) expect((await ask()).headers["x-cache"]).toBe("HIT");
  const before = (await ask()).body;
  // Changed behind the app's back (no write announced it), then the lifetime passes.
  await sql().query(`UPDATE "PhoneNumber" SET "reportCount" = 9 WHERE e164 = $1`, [e164]);
  const lifetime = Number(process.env.PAGE_CACHE_SECONDS ?? process.env.DATA_CACHE_SECONDS ?? 5) * 1000;
  await new Promise((resolve) => setTimeout(resolve, lifetime + 500));
  const stale = await ask();
  expect(stale.headers["x-cache"]).toBe("STALE");
  expect(stale.body).toBe(before);
  // The server rendered it again with the browser's router headers: a payload, kept, with the new count.
  await expect.poll(async () => {
    const fresh = await ask();
    return fresh.headers["x-cache"] === "HIT" && fresh.headers["content-type"]?.startsWith("text/x-component") && fresh.body !== before;
  }, { timeout: 15_000, intervals: [250] }).toBe(true);
});
