import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, expect, test } from "vitest";

// The database can fail: a steady stream of writes (comments) runs while this file's own PostgreSQL
// (scripts/test/outage-db.mjs: its own data folder and port, so no other test is disturbed) is stopped
// and started again. A client-side ledger keeps every write the app acknowledged; afterwards each one
// must be in the database. Meanwhile every failure must read as "unavailable" (503 for the API, the
// UNAVAILABLE result for actions), and the same process must serve again after the restart.

const root = path.resolve(import.meta.dirname, "../..");
let child: ChildProcessWithoutNullStreams;
let lines: AsyncIterator<string>;

async function answer(expected: string): Promise<string> {
  for (;;) {
    const next = await lines.next();
    if (next.done) throw new Error(`outage-db.mjs exited before answering ${expected}`);
    if (next.value.startsWith(expected)) return next.value;
  }
}

async function command(name: "stop" | "start", expected: string) {
  child.stdin.write(`${name}\n`);
  await answer(expected);
}

/** Waits (without asserting on time) until the condition holds; the test's own timeout bounds it. */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 25));
}

beforeAll(async () => {
  child = spawn(process.execPath, [path.join(root, "scripts/test/outage-db.mjs")], { cwd: root, env: process.env, stdio: ["pipe", "pipe", "pipe"] });
  child.stderr.on("data", () => undefined);
  lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ready = await answer("READY ");
  // lib/platform/db reads DATABASE_URL on first import: point it at this file's own server.
  process.env.DATABASE_URL = ready.slice("READY ".length).trim();
}, 180_000);

afterAll(async () => {
  const { db } = await import("./db");
  await db.$disconnect().catch(() => undefined);
  child.stdin.write("quit\n");
  await new Promise((resolve) => child.once("exit", resolve));
}, 60_000);

test("writes acknowledged before, during and after an outage are all stored; the outage reads as 503/unavailable; the app recovers without a restart", { timeout: 240_000 }, async () => {
  const { db } = await import("./db");
  const { createComment } = await import("../comments/comment");
  const { isDatabaseUnavailable, toFailure } = await import("./errors");
  const { pingDatabase } = await import("./health");
  const { GET: registryRoute } = await import("../../app/api/v1/registry/route");

  const old = new Date(Date.now() - 90 * 86_400_000);
  const authors = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      db.user.create({
        data: { email: `ledger-${i}@example.com`, name: `Ledger ${i}`, emailVerified: old, createdAt: old },
        select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
      }),
    ),
  );
  const e164 = "+61491570156";

  const ledger: string[] = [];
  const failures: unknown[] = [];
  let running = true;
  let sent = 0;
  const writer = (async () => {
    while (running) {
      const n = sent++;
      try {
        const { id } = await createComment(authors[n % authors.length], { e164, body: `Ledger entry number ${n}` });
        ledger.push(id);
      } catch (error) {
        failures.push(error);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  })();

  await until(() => ledger.length >= 15);
  await command("stop", "STOPPED");
  const acknowledgedBeforeStop = ledger.length;
  await until(() => failures.length >= 10);

  // While it is down: health says so, the API answers 503 with Retry-After, actions say "unavailable".
  expect(await pingDatabase()).toBe(false);
  const api = await registryRoute(new Request("http://localhost/api/v1/registry", { headers: { "x-forwarded-for": "10.66.0.1" } }), {});
  expect(api.status).toBe(503);
  expect(api.headers.get("retry-after")).toBe("30");
  expect((await api.json()).error.code).toBe("UNAVAILABLE");
  expect(toFailure(failures.at(-1))).toMatchObject({ ok: false, code: "UNAVAILABLE", error: expect.stringMatching(/temporarily unavailable/) });

  await command("start", "STARTED");
  const acknowledgedAtRestart = ledger.length;
  await until(() => ledger.length >= acknowledgedAtRestart + 15);
  running = false;
  await writer;

  expect(acknowledgedBeforeStop).toBeGreaterThanOrEqual(15);
  expect(await pingDatabase()).toBe(true);
  // Every failure was the outage, never a generic error.
  const unexplained = failures.filter((error) => !isDatabaseUnavailable(error));
  expect(unexplained.map(String)).toEqual([]);
  // The ledger: every acknowledged write is in the database.
  const stored = await db.comment.findMany({ where: { id: { in: ledger } }, select: { id: true } });
  expect(new Set(stored.map((row) => row.id)).size).toBe(ledger.length);
  expect(ledger.length).toBeGreaterThanOrEqual(30);
});
