import { test, expect } from "@playwright/test";
import { reportedNumber, uniqueSuffix } from "./fixtures";
import { freePort, ownLoopbackAddress, postCommentThrough, rawGet, startInstance, type Instance } from "./instances";

// WEB_CONCURRENCY=2: one primary supervising two server processes on one port (scripts/server/cluster.mjs).
// Each process keeps its own caches; a write through either reaches the other's at once (NOTIFY).

type Line = Record<string, unknown>;
const listening = (line: Line) => typeof line.msg === "string" && line.msg.startsWith("listening on");
const requestLine = (line: Line) => line.msg === "request";

/** The processes that answered requests logged after `from` (by index into the logs). */
function answeredBy(instance: Instance, from: number): Set<number> {
  return new Set(instance.logs.slice(from).filter(requestLine).map((line) => Number(line.pid)));
}

test.describe.configure({ mode: "serial" });

let instance: Instance;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  // A long cache lifetime, so only the broadcast between the processes can make a write show on the other in time.
  instance = await startInstance({ PORT: String(port), AUTH_URL: `http://127.0.0.1:${port}`, WEB_CONCURRENCY: "2", DATA_CACHE_SECONDS: "120" });
  await instance.waitForLog((line) => listening(line) && instance.logs.filter(listening).length >= 2);
});
test.afterAll(async () => {
  await instance?.stop();
});

test("two server processes share the port, and connections are spread over both", async () => {
  await instance.waitForLog((line) => line.msg === "starting 2 server processes");
  const workers = new Set(instance.logs.filter(listening).map((line) => Number(line.pid)));
  expect(workers.size).toBe(2);
  const from = instance.logs.length;
  // Each request on a new connection: the primary hands connections to the workers in turn.
  for (let i = 0; i < 20; i++) expect((await rawGet(`${instance.baseUrl}/api/health`)).status).toBe(200);
  await expect.poll(() => answeredBy(instance, from).size, { timeout: 10_000 }).toBe(2);
  expect([...answeredBy(instance, from)].every((pid) => workers.has(pid))).toBe(true);
});

test("a comment written through one process is on every process's next answers, though each keeps pages", async ({ browser }) => {
  const e164 = await reportedNumber(2);
  const visitor = ownLoopbackAddress();
  const lookup = async () => JSON.parse((await rawGet(`${instance.baseUrl}/api/v1/numbers/${encodeURIComponent(e164)}`, { from: visitor })).body).counts.comments as number;
  // Both processes read the number and keep its page and its lookup before the comment.
  const kept = async (path: string) => {
    const from = instance.logs.length;
    for (let i = 0; i < 6; i++) {
      const response = await rawGet(`${instance.baseUrl}${path}`, { from: visitor });
      expect(response.status).toBe(200);
    }
    await expect
      .poll(() => new Set(instance.logs.slice(from).filter((line) => requestLine(line) && line.path === path && line.cache === "hit").map((line) => Number(line.pid))).size)
      .toBe(2);
  };
  await kept(`/numbers/${e164}`);
  await kept(`/api/v1/numbers/${encodeURIComponent(e164)}`);
  expect(await lookup()).toBe(0);

  const body = `Written through one process ${uniqueSuffix()}`;
  await postCommentThrough(browser, instance.baseUrl, e164, body);

  // Both caches live 120 s here: only the broadcast can drop the other process's copies. Once both have
  // the comment, every later answer has it, whichever process gives it.
  await expect.poll(async () => {
    const counts = [];
    for (let i = 0; i < 6; i++) counts.push(await lookup());
    return counts.every((count) => count === 1);
  }, { timeout: 15_000, intervals: [250] }).toBe(true);
  for (let i = 0; i < 6; i++) expect((await rawGet(`${instance.baseUrl}/numbers/${e164}`, { from: visitor })).body).toContain(body);
});

test("a process that dies is replaced, and the port keeps answering meanwhile", async () => {
  const before = instance.logs.filter(listening).map((line) => Number(line.pid));
  const victim = before[0];
  process.kill(victim, "SIGKILL");
  await instance.waitForLog((line) => line.msg === "a server process died: starting another" && Number(line.workerPid) === victim);
  // The other process answers while the new one starts.
  expect((await rawGet(`${instance.baseUrl}/api/health`)).status).toBe(200);
  const replacement = await instance.waitForLog((line) => listening(line) && !before.includes(Number(line.pid)));
  const from = instance.logs.length;
  for (let i = 0; i < 20; i++) expect((await rawGet(`${instance.baseUrl}/api/health`)).status).toBe(200);
  await expect.poll(() => answeredBy(instance, from).has(Number(replacement.pid)), { timeout: 10_000 }).toBe(true);
});

test("SIGTERM to the primary stops every process gracefully, and it exits 0", async () => {
  const workers = instance.logs.filter(listening).map((line) => Number(line.pid));
  expect(await instance.stop()).toBe(0);
  expect(instance.logs.some((line) => line.msg === "all server processes stopped" && line.failed === false)).toBe(true);
  // Each live worker drained and stopped on its own (scripts/server.mjs shutdown).
  expect(instance.logs.filter((line) => line.msg === "stopped").length).toBeGreaterThanOrEqual(2);
  for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
});
