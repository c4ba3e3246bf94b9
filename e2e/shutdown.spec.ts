import { expect, test } from "@playwright/test";
import { freePort, ownLoopbackAddress, rawGet, startInstance } from "./instances";

const BURST = 40;

test("SIGTERM during a burst: every accepted request is answered, then the instance stops accepting and exits cleanly", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const instance = await startInstance({ PORT: String(port), AUTH_URL: `http://127.0.0.1:${port}` });
  const from = ownLoopbackAddress();
  const page = (i: number) => `${instance.baseUrl}/numbers/+614915701${String(i % 100).padStart(2, "0")}`;
  expect((await rawGet(page(0), { from })).status).toBe(200); // warm: the first render loads code

  const before = instance.logs.length;
  const burst = Array.from({ length: BURST }, (_, i) => rawGet(page(i + 1), { from }).catch((error: Error) => ({ status: 0, error: error.message })));
  // Every request of the burst has reached the app's handler (its "request started" line) …
  await instance.waitForLog(() => instance.logs.slice(before).filter((line) => line.msg === "request started").length >= BURST);
  // … when the orchestrator sends SIGTERM.
  instance.process.kill("SIGTERM");
  const responses = await Promise.all(burst);

  expect(responses.map((response) => response.status)).toEqual(Array(BURST).fill(200));
  expect(await instance.exited).toBe(0);
  // The signal really came during the burst: some requests finished after it.
  const messages = instance.logs.slice(before);
  const signalAt = messages.findIndex((line) => line.msg === "shutting down: finishing requests in flight");
  expect(signalAt).toBeGreaterThanOrEqual(0);
  expect(messages.slice(signalAt).filter((line) => line.msg === "request").length).toBeGreaterThan(0);
  expect(messages.at(-1)?.msg).toBe("stopped");
  // And it no longer accepts connections.
  await expect(rawGet(page(0), { from })).rejects.toThrow(/ECONNREFUSED/);
});
