import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { TEST_PG_PORT } from "../scripts/test/test-db.mjs";
import { actionBody, reportActionId } from "./actions";
import { uniqueSuffix } from "./fixtures";
import { freePort, ownLoopbackAddress, rawGet, rawRequest, startInstance, type Instance, type RawResponse } from "./instances";

// The database can fail (issue 13), seen from outside: a production instance of its own on a
// PostgreSQL of its own (scripts/test/outage-db.mjs: own data folder and port, never the shared e2e
// database) serves a steady mix of reads (number pages, the lookup API) and writes (reports through the
// report form's server action, as the browser posts it) while that PostgreSQL is stopped for ~10 s and
// started again. A client-side ledger keeps every report the app acknowledged. Checked: during the
// outage every page answers 503 with Retry-After and says "temporarily unavailable" (also in Chromium),
// the API answers 503 with Retry-After, writes say nothing was saved, /api/ready says the database is
// unreachable; afterwards the same instance serves again (no restart) and every acknowledged write is stored.

const root = path.resolve(import.meta.dirname, "..");
const OUTAGE_SECONDS = 10;
const MEMBERS = 12;
const cookieName = "authjs.session-token";

type Op = { kind: "page" | "api" | "write"; started: number; ended: number; status: number; retryAfter?: string; body: string; key?: string };

class OutageDatabase {
  private lines: AsyncIterator<string>;
  url = "";
  private constructor(private child: ChildProcessWithoutNullStreams) {
    child.stderr.on("data", () => undefined);
    this.lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }
  static async start(): Promise<OutageDatabase> {
    const env = {
      ...process.env,
      // Apart from lib/platform/outage.db.test.ts's server (TEST_PG_PORT + 1000), and from every other checkout's.
      OUTAGE_PG_PORT: String(TEST_PG_PORT + 1002),
      OUTAGE_PG_DIR: path.join(root, ".data/pg-outage-e2e"),
    };
    const db = new OutageDatabase(spawn(process.execPath, [path.join(root, "scripts/test/outage-db.mjs")], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] }));
    db.url = (await db.answer("READY ")).slice("READY ".length).trim();
    return db;
  }
  private async answer(expected: string): Promise<string> {
    for (;;) {
      const next = await this.lines.next();
      if (next.done) throw new Error(`outage-db.mjs exited before answering ${expected}`);
      if (next.value.startsWith(expected)) return next.value;
    }
  }
  async command(name: "stop" | "start") {
    this.child.stdin.write(`${name}\n`);
    await this.answer(name === "stop" ? "STOPPED" : "STARTED");
  }
  async quit() {
    if (this.child.exitCode !== null) return;
    this.child.stdin.write("quit\n");
    await new Promise((resolve) => this.child.once("exit", resolve));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let database: OutageDatabase | undefined;
let instance: Instance | undefined;
test.afterAll(async () => {
  await instance?.stop();
  await database?.quit();
});

test("PostgreSQL stopped for 10 s under reads and writes: 503 + Retry-After and a 'temporarily unavailable' page, recovery without a restart, no acknowledged write lost", async ({ browser }) => {
  test.setTimeout(300_000);
  database = await OutageDatabase.start();
  const suffix = uniqueSuffix();
  const seed = new pg.Client({ connectionString: database.url });
  await seed.connect();
  const members: { id: string; cookie: string; from: string }[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const id = `outage${suffix}${i}`;
    const old = new Date(Date.now() - 90 * 86_400_000);
    await seed.query(`INSERT INTO "User" (id, email, name, role, "emailVerified", "createdAt", "updatedAt") VALUES ($1, $2, $3, 'USER', $4, $4, now())`, [id, `${id}@example.com`, `Outage ${i}`, old]);
    const token = await encode({ token: { sub: id, uid: id, role: "USER", name: `Outage ${i}`, email: `${id}@example.com`, sv: 0 }, secret: process.env.E2E_AUTH_SECRET!, salt: cookieName });
    members.push({ id, cookie: `${cookieName}=${token}`, from: ownLoopbackAddress() });
  }
  await seed.end();

  const port = await freePort();
  // The data cache is off here: with it on, a page or lookup read in the last DATA_CACHE_SECONDS is answered
  // from memory during an outage (200, a few seconds stale: what a visitor wants). This checks every answer
  // that needs the database.
  instance = await startInstance({ PORT: String(port), AUTH_URL: `http://127.0.0.1:${port}`, DATABASE_URL: database.url, LOG_LEVEL: "info", DATA_CACHE_SECONDS: "0" });
  const base = instance.baseUrl;
  const actionId = reportActionId();
  const numbers = Array.from({ length: 20 }, (_, i) => `+614915701${String(i + 20).padStart(2, "0")}`);
  const reader = ownLoopbackAddress();

  const ops: Op[] = [];
  const describe = (op: Op) => `${op.kind} ${op.status} retry-after=${op.retryAfter ?? "-"} ${op.body.slice(0, 160).replace(/\s+/g, " ")}`;
  const ledger: string[] = [];
  let running = true;
  let sequence = 0;
  const record = async (kind: Op["kind"], call: () => Promise<RawResponse>, key?: string) => {
    const started = Date.now();
    let response: RawResponse;
    try {
      response = await call();
    } catch (error) {
      response = { status: 0, body: String(error), headers: {} };
    }
    const op: Op = { kind, started, ended: Date.now(), status: response.status, retryAfter: response.headers["retry-after"] as string | undefined, body: response.body, key };
    ops.push(op);
    return op;
  };
  const lanes = [
    async () => {
      const e164 = numbers[sequence++ % numbers.length];
      await record("page", () => rawGet(`${base}/numbers/${e164}`, { from: reader }));
    },
    async () => {
      const e164 = numbers[sequence++ % numbers.length];
      await record("api", () => rawGet(`${base}/api/v1/numbers/${e164}`, { from: reader }));
    },
    async () => {
      const n = sequence++;
      const member = members[n % members.length];
      const key = `outage-${suffix}-${n}`;
      const { body, contentType } = actionBody({ number: numbers[n % numbers.length], occurredAt: "", channel: "CALL", category: "SCAM", idempotencyKey: key });
      const op = await record(
        "write",
        () =>
          rawRequest(`${base}/report`, {
            method: "POST",
            from: member.from,
            body,
            headers: { "content-type": contentType, "next-action": actionId, accept: "text/x-component", origin: base, cookie: member.cookie },
          }),
        key,
      );
      if (op.status === 200 && /"ok":true/.test(op.body)) ledger.push(key);
    },
  ];
  // Three steady lanes, each one request at a time with a short pause: about 10–20 requests a second.
  const traffic = lanes.map(async (lane) => {
    while (running) {
      await lane();
      await sleep(100);
    }
  });
  // Waits for the traffic to reach a state; a bound far above what it needs, naming what it saw if not.
  const until = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 90_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`${what} never happened; last answers:\n${ops.slice(-9).map(describe).join("\n")}`);
      await sleep(50);
    }
  };

  try {
    // Before: everything answers, writes are acknowledged.
    await until(() => ledger.length >= 8 && ops.filter((op) => op.kind !== "write" && op.status === 200).length >= 8, "8 acknowledged writes and 8 answered reads");
    expect((await rawGet(`${base}/api/ready`, { from: reader })).status).toBe(200);

    await database.command("stop");
    const stoppedAt = Date.now();
    const acknowledgedBefore = ledger.length;

    // Meanwhile, in Chromium: the page a visitor sees says the service is temporarily unavailable.
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${base}/numbers/${numbers[0]}`);
    expect(response?.status()).toBe(503);
    expect(response?.headers()["retry-after"]).toMatch(/^\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: "CallerCheck is temporarily unavailable" })).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);

    // Other public pages that read the database answer the same way (nothing streams a 200 first).
    for (const path of ["/", "/organisations", "/organisations/no-such-organisation", "/registry"]) {
      const other = await rawGet(`${base}${path}`, { from: reader });
      expect({ path, status: other.status, retryAfter: /^\d+$/.test(String(other.headers["retry-after"])) }).toEqual({ path, status: 503, retryAfter: true });
    }

    // /api/ready says the database is down.
    const ready = await rawGet(`${base}/api/ready`, { from: reader });
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ status: "not-ready", reason: "database-unreachable" });

    const remaining = stoppedAt + OUTAGE_SECONDS * 1_000 - Date.now();
    if (remaining > 0) await sleep(remaining);
    const startingAt = Date.now();
    await database.command("start");
    const startedAt = Date.now();

    // After: the same process serves again (no restart); the bound is generous, the machine is slow.
    const recoveryDeadline = startedAt + 60_000;
    let recoveredAt = 0;
    let probe: RawResponse | null = null;
    while (!recoveredAt) {
      expect(Date.now(), `the app did not serve again within 60 s of the database's return; last answer ${probe?.status} ${probe?.body.slice(0, 300)}`).toBeLessThan(recoveryDeadline);
      probe = await rawGet(`${base}/numbers/${numbers[1]}`, { from: reader }).catch(() => null);
      if (probe?.status === 200) recoveredAt = Date.now();
      else await sleep(100);
    }
    test.info().annotations.push({ type: "recovery", description: `served again ${recoveredAt - startedAt} ms after PostgreSQL was back` });
    await until(() => ledger.length >= acknowledgedBefore + 8, "8 more acknowledged writes after the outage");
    running = false;
    await Promise.all(traffic);

    await page.reload();
    await expect(page.getByTestId("number-national")).toBeVisible();
    expect((await rawGet(`${base}/api/ready`, { from: reader })).status).toBe(200);
    await context.close();
    expect(instance.process.exitCode).toBeNull();

    // During the outage (requests sent after it began and answered before the database was started again):
    const during = ops.filter((op) => op.started >= stoppedAt && op.ended <= startingAt);
    const pages = during.filter((op) => op.kind === "page");
    const apis = during.filter((op) => op.kind === "api");
    const writes = during.filter((op) => op.kind === "write");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(apis.length).toBeGreaterThanOrEqual(3);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    // Pages: 503 + Retry-After, never a 500 or a 200 (the words a user then reads were checked in Chromium
    // above: Next sends its error shell and the outage page is drawn from the app's error boundary).
    expect(pages.filter((op) => !(op.status === 503 && /^\d+$/.test(op.retryAfter ?? ""))).map(describe)).toEqual([]);
    // API: 503 + Retry-After with the UNAVAILABLE error shape.
    expect(apis.filter((op) => !(op.status === 503 && /^\d+$/.test(op.retryAfter ?? "") && /"code":"UNAVAILABLE"/.test(op.body))).map(describe)).toEqual([]);
    // Writes: refused with the outage message (nothing saved), never acknowledged, never a generic error.
    expect(writes.filter((op) => /"ok":true/.test(op.body) || !/temporarily unavailable/.test(op.body) || /Something went wrong/.test(op.body)).map(describe)).toEqual([]);
    // No request at any time was answered 500.
    expect(ops.filter((op) => op.status === 500 || op.status === 0).map(describe)).toEqual([]);

    // The ledger: every acknowledged report is in the database.
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    const { rows } = await check.query<{ idempotencyKey: string }>(`SELECT "idempotencyKey" FROM "Report" WHERE "idempotencyKey" = ANY($1::text[])`, [ledger]);
    await check.end();
    expect(ledger.length).toBeGreaterThanOrEqual(16);
    expect(new Set(rows.map((row) => row.idempotencyKey))).toEqual(new Set(ledger));
  } finally {
    running = false;
    await Promise.all(traffic);
  }
});
