import { test as base, expect } from "@playwright/test";
import { createUser, reportedNumber, uniqueSuffix } from "./fixtures";
import { freePort, ownLoopbackAddress, postCommentThrough, rawGet, startInstance, type Instance } from "./instances";

// Two production instances of the app on one database, each trusting no proxy (as if reached
// directly): state lives in PostgreSQL, not in an instance, and the client address is the socket's.
const test = base.extend<{}, { pair: [Instance, Instance] }>({
  pair: [
    async ({}, use) => {
      const instances: Instance[] = [];
      for (let i = 0; i < 2; i++) {
        const port = await freePort();
        // A long cache lifetime, so only the NOTIFY broadcast can make a write show on the other instance in time.
        instances.push(await startInstance({ PORT: String(port), AUTH_URL: `http://127.0.0.1:${port}`, DATA_CACHE_SECONDS: "120" }));
      }
      await use(instances as [Instance, Instance]);
      await Promise.all(instances.map((instance) => instance.stop()));
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

test("a session made by one instance works on the other", async ({ browser, pair: [a, b] }) => {
  const user = await createUser();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${a.baseUrl}/signin`);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText(user.name);

  await page.goto(`${b.baseUrl}/account`);
  await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText(user.name);
  await context.close();
});

test("a rate limit spent on one instance counts on the other, whatever X-Forwarded-For says", async ({ pair: [a, b] }) => {
  const from = ownLoopbackAddress();
  const lookup = (instance: Instance, headers: Record<string, string> = {}, source = from) =>
    rawGet(`${instance.baseUrl}/api/v1/numbers/%2B61491570159`, { from: source, headers });
  // 120 lookups (LIMITS.api) through A, each claiming another address; no proxy is trusted, so
  // every one is counted against the socket's address.
  for (let i = 0; i < 120; i++) {
    const response = await lookup(a, { "x-forwarded-for": `203.0.113.${i % 250}, 198.51.100.${i % 250}`, "x-real-ip": `192.0.2.${i % 250}` });
    expect(response.status, `lookup ${i + 1}`).toBe(200);
  }
  const limited = await lookup(b, { "x-forwarded-for": "192.0.2.200" });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  // The header the server uses internally cannot be forged either.
  expect((await lookup(b, { "x-callercheck-client-address": "192.0.2.201" })).status).toBe(429);
  // Another address is unaffected: the limit is per address, not global.
  expect((await lookup(b, {}, ownLoopbackAddress())).status).toBe(200);
});

test("a comment written through one instance is on the other's next answers: the write's tags are broadcast to every instance", async ({ browser, pair: [a, b] }) => {
  const e164 = await reportedNumber(2);
  const body = `Written on instance A ${uniqueSuffix()}`;

  // Instance B reads the number first, so its data cache holds the page and the lookup from before the comment.
  const visitorAddress = ownLoopbackAddress();
  const commentsOnB = async () => JSON.parse((await rawGet(`${b.baseUrl}/api/v1/numbers/${encodeURIComponent(e164)}`, { from: visitorAddress })).body).counts.comments;
  expect(await commentsOnB()).toBe(0);
  expect((await rawGet(`${b.baseUrl}/numbers/${e164}`, { from: visitorAddress })).status).toBe(200);
  // B keeps the visitor's page whole too (scripts/server/page-cache.mjs).
  expect((await rawGet(`${b.baseUrl}/numbers/${e164}`, { from: visitorAddress })).headers["x-cache"]).toBe("HIT");

  await postCommentThrough(browser, a.baseUrl, e164, body);

  // Another visitor, on the other instance. A dropped the comment's tags at once and broadcast them
  // (NOTIFY callercheck_cache); B's listener drops them from its data and page caches. B's lifetime is
  // 120 s here, so seeing the comment well within it proves the broadcast (the margin is for a loaded machine).
  const bound = 15_000;
  await expect.poll(commentsOnB, { timeout: bound, intervals: [250] }).toBe(1);
  const visitor = await browser.newContext();
  const other = await visitor.newPage();
  await expect(async () => {
    await other.goto(`${b.baseUrl}/numbers/${encodeURIComponent(e164)}`);
    await expect(other.getByText(body)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: bound });
  await visitor.close();
});
