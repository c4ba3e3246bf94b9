import { expect, test } from "@playwright/test";
import { sessionCookie } from "./actions";
import { createUser, freshNumber, ownClientAddress, sql, uniqueSuffix } from "./fixtures";

// Members' reports and votes (POST /api/reports, POST and DELETE /api/votes) are answered by scripts/server.mjs
// calling their route handlers directly (scripts/server/write-lane.mjs), not through Next's request pipeline.
// What Next gave those answers they still have: the checks, the statuses, the headers next.config.js adds to
// every response, and the body bound.

const base = () => process.env.E2E_BASE_URL!;

async function member(options: { suspended?: boolean } = {}) {
  const user = await createUser(options);
  return { user, cookie: await sessionCookie(user), address: ownClientAddress() };
}

function post(path: string, body: string, headers: Record<string, string>, method = "POST") {
  return fetch(`${base()}${path}`, { method, headers: { "content-type": "application/json", accept: "application/json", origin: base(), ...headers }, body });
}

const report = (number: string, key: string) => JSON.stringify({ number, occurredAt: "", channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: key });
const storedReports = async (userId: string, key: string) => (await sql().query(`SELECT 1 FROM "Report" WHERE "reporterId" = $1 AND "idempotencyKey" = $2`, [userId, key])).rowCount;
const storedVotes = async (userId: string, e164: string) =>
  (await sql().query(`SELECT 1 FROM "Vote" v JOIN "Claim" c ON c.id = v."claimId" WHERE v."userId" = $1 AND c.e164 = $2`, [userId, e164])).rowCount;

/** What next.config.js gives every response, as Next sends it on pages. */
async function configHeadersOf(path: string) {
  const page = await fetch(`${base()}${path}`);
  await page.arrayBuffer();
  const names = ["x-content-type-options", "referrer-policy", "x-frame-options", "permissions-policy", "cross-origin-opener-policy"];
  return Object.fromEntries(names.map((name) => [name, page.headers.get(name)]));
}

test("a member's report is stored once and answered with the headers every response carries", async () => {
  const { user, cookie, address } = await member();
  const number = freshNumber();
  const key = `lane-${uniqueSuffix()}`;

  const first = await post("/api/reports", report(number, key), { cookie, ...address });
  expect(first.status).toBe(200);
  expect(await first.json()).toMatchObject({ ok: true, data: { e164: number, duplicate: false } });
  expect(first.headers.get("cache-control")).toBe("no-store");
  expect(first.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  const expected = await configHeadersOf("/about");
  expect(Object.values(expected).every(Boolean)).toBe(true);
  for (const [name, value] of Object.entries(expected)) expect(first.headers.get(name), name).toBe(value);

  // The same form sent again (a double click, a retry): one report.
  const again = await post("/api/reports", report(number, key), { cookie, ...address });
  expect(again.status).toBe(200);
  expect(await storedReports(user.id, key)).toBe(1);
});

test("a member casts and withdraws a vote; a suspended member and a signed-out visitor are refused", async () => {
  const { user, cookie, address } = await member();
  const number = freshNumber();
  const cast = await post("/api/votes", JSON.stringify({ e164: number, legitimate: false }), { cookie, ...address });
  expect(cast.status).toBe(200);
  const panel = await cast.json();
  expect(panel.ok).toBe(true);
  expect(await storedVotes(user.id, number)).toBe(1);

  const claim = await sql().query<{ id: string }>(`SELECT c.id FROM "Vote" v JOIN "Claim" c ON c.id = v."claimId" WHERE v."userId" = $1 AND c.e164 = $2`, [user.id, number]);
  const withdrawn = await post("/api/votes", JSON.stringify({ claimId: claim.rows[0].id }), { cookie, ...address }, "DELETE");
  expect(withdrawn.status).toBe(200);
  expect(await storedVotes(user.id, number)).toBe(0);

  const suspended = await member({ suspended: true });
  const refused = await post("/api/votes", JSON.stringify({ e164: number, legitimate: false }), { cookie: suspended.cookie, ...suspended.address });
  expect(refused.status).toBe(403);
  expect((await refused.json()).error).toMatch(/suspended/);
  expect(await storedVotes(suspended.user.id, number)).toBe(0);

  const visitor = await post("/api/votes", JSON.stringify({ e164: number, legitimate: false }), ownClientAddress());
  expect(visitor.status).toBe(401);
});

test("a session ended elsewhere can no longer report", async () => {
  const { user, cookie, address } = await member();
  await sql().query(`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE id = $1`, [user.id]);
  const key = `lane-${uniqueSuffix()}`;
  const answer = await post("/api/reports", report(freshNumber(), key), { cookie, ...address });
  // Signed out now: a visitor's report needs the proof-of-work check, which this one lacks.
  expect(answer.status).toBe(400);
  expect(await storedReports(user.id, key)).toBe(0);
});

test("a body past 64 kB is refused with 413, a form not sent as JSON with 415, and neither stores anything", async () => {
  const { user, cookie, address } = await member();
  const number = freshNumber();
  const key = `lane-${uniqueSuffix()}`;
  const padded = JSON.stringify({ ...JSON.parse(report(number, key)), details: "x".repeat(70 * 1024) });
  const tooLarge = await post("/api/reports", padded, { cookie, ...address });
  expect(tooLarge.status).toBe(413);
  expect((await tooLarge.json()).error).toMatch(/too large/);

  const notJson = await fetch(`${base()}/api/reports`, { method: "POST", headers: { "content-type": "text/plain", origin: base(), cookie, ...address }, body: report(number, key) });
  expect(notJson.status).toBe(415);
  expect(await storedReports(user.id, key)).toBe(0);

  // The connection closed after the 413 is not the server's last: the next write goes through.
  const fine = await post("/api/reports", report(number, key), { cookie, ...address });
  expect(fine.status).toBe(200);
  expect(await storedReports(user.id, key)).toBe(1);
});

test("a report posted cross-site is refused", async () => {
  const { user, cookie, address } = await member();
  const key = `lane-${uniqueSuffix()}`;
  const answer = await post("/api/reports", report(freshNumber(), key), { cookie, ...address, origin: "https://evil.example" });
  expect(answer.status).toBe(403);
  expect(await storedReports(user.id, key)).toBe(0);
});

test("a member's own parts of a page (GET /api/me) come with the hint set and the headers every response carries; a visitor gets a 401", async () => {
  const { user, cookie, address } = await member();
  const number = freshNumber();
  const mine = await fetch(`${base()}/api/me?number=${encodeURIComponent(number)}`, { headers: { cookie, ...address } });
  expect(mine.status).toBe(200);
  expect((await mine.json()).viewer).toMatchObject({ name: user.name });
  expect(mine.headers.get("cache-control")).toBe("private, no-store");
  expect(mine.headers.get("set-cookie")).toMatch(/^callercheck-view=member;/);
  const expected = await configHeadersOf("/about");
  for (const [name, value] of Object.entries(expected)) expect(mine.headers.get(name), name).toBe(value);

  const wrong = await fetch(`${base()}/api/me?number=0412`, { headers: { cookie, ...address } });
  expect(wrong.status).toBe(400);

  const visitor = await fetch(`${base()}/api/me?number=${encodeURIComponent(number)}`, { headers: ownClientAddress() });
  expect(visitor.status).toBe(401);
  expect(visitor.headers.get("set-cookie")).toMatch(/^callercheck-view=; .*Max-Age=0/);
});
