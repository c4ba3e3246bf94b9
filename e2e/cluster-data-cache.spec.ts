import { test, expect } from "@playwright/test";
import { reportedNumber, uniqueSuffix } from "./fixtures";
import { freePort, ownLoopbackAddress, postCommentThrough, rawGet, startInstance, type Instance } from "./instances";

// Two server processes with the page cache off and a long data cache: members and lookups read the data
// cache, so each process must hear the other's writes (NOTIFY) even when no page is kept.

let instance: Instance;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  instance = await startInstance({
    PORT: String(port),
    AUTH_URL: `http://127.0.0.1:${port}`,
    WEB_CONCURRENCY: "2",
    DATA_CACHE_SECONDS: "120",
    PAGE_CACHE_SECONDS: "0",
  });
  const listening = (line: Record<string, unknown>) => typeof line.msg === "string" && line.msg.startsWith("listening on");
  await instance.waitForLog((line) => listening(line) && instance.logs.filter(listening).length >= 2);
});
test.afterAll(async () => {
  await instance?.stop();
});

test("a write through one process drops the other's data cache with the page cache off", async ({ browser }) => {
  const e164 = await reportedNumber(2);
  const visitor = ownLoopbackAddress();
  const path = `/api/v1/numbers/${encodeURIComponent(e164)}`;
  const lookup = async () => JSON.parse((await rawGet(`${instance.baseUrl}${path}`, { from: visitor })).body).counts.comments as number;
  // Both processes answer the lookup (no page is kept: each answer is the app's, from its data cache).
  const from = instance.logs.length;
  for (let i = 0; i < 6; i++) expect(await lookup()).toBe(0);
  const answered = instance.logs.slice(from).filter((line) => line.msg === "request" && line.path === path);
  expect(answered.every((line) => line.cache === undefined)).toBe(true);
  expect(new Set(answered.map((line) => Number(line.pid))).size).toBe(2);

  const body = `Written through one process ${uniqueSuffix()}`;
  await postCommentThrough(browser, instance.baseUrl, e164, body);

  // The data cache lives 120 s here: only the broadcast can drop the other process's copy in time.
  await expect
    .poll(async () => {
      const counts = [];
      for (let i = 0; i < 6; i++) counts.push(await lookup());
      return counts.every((count) => count === 1);
    }, { timeout: 15_000, intervals: [250] })
    .toBe(true);
});
