import { expect, test } from "@playwright/test";
import { actionBody, reportActionId, sessionCookie } from "./actions";
import { createUser, freshNumber, sql, uniqueSuffix } from "./fixtures";
import { freePort, ownLoopbackAddress, rawRequest, startInstance, type Instance } from "./instances";

// Issue 13: "a request with Origin: evil and X-Forwarded-Host: evil is accepted". Next checks a server
// action's Origin against X-Forwarded-Host when one is sent; an instance reached directly (trusting no
// proxy, as here) must not take that header from the caller, so a cross-site post is refused and nothing
// is written, while the same post from the site's own origin is stored.

let instance: Instance | undefined;
// With fullyParallel, Playwright may run afterAll between this file's two tests in the same worker (each
// test is its own group), so the stopped instance is forgotten and the next test starts its own.
test.afterAll(async () => {
  const stopping = instance;
  instance = undefined;
  await stopping?.stop();
});

/** One instance per worker group, trusting no proxy, started by whichever test runs first. */
async function ownInstance(): Promise<Instance> {
  if (!instance) {
    const port = await freePort();
    instance = await startInstance({ PORT: String(port), AUTH_URL: `http://127.0.0.1:${port}` });
  }
  return instance;
}

/**
 * A member with a session cookie, the loopback address to post from, and a number nobody reported (not one of
 * the seeded 0491 570 1xx numbers: a report on one of those changed what other specs read of it, such as the
 * sitemap leaving out the one-report +61491570158).
 */
async function poster() {
  const member = await createUser();
  return { member, cookie: await sessionCookie(member), from: ownLoopbackAddress(), number: freshNumber() };
}

test("a server action posted cross-site with a forged X-Forwarded-Host is refused and writes nothing", async () => {
  test.setTimeout(120_000);
  const site = await ownInstance();
  const { member, cookie, from, number } = await poster();
  const post = (key: string, headers: Record<string, string>) => {
    const { body, contentType } = actionBody({ number, occurredAt: "", channel: "CALL", category: "SCAM", idempotencyKey: key });
    return rawRequest(`${site.baseUrl}/report`, {
      method: "POST",
      from,
      body,
      headers: { "content-type": contentType, "next-action": reportActionId(), accept: "text/x-component", cookie, ...headers },
    });
  };
  const stored = async (key: string) => (await sql().query(`SELECT 1 FROM "Report" WHERE "reporterId" = $1 AND "idempotencyKey" = $2`, [member.id, key])).rowCount;

  const forgedKey = `csrf-${uniqueSuffix()}`;
  const forged = await post(forgedKey, { origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" });
  expect(forged.body).not.toMatch(/"ok":true/);
  expect(forged.status).toBe(403);
  expect(await stored(forgedKey)).toBe(0);

  // The same call from the site's own origin is accepted: the refusal above was the origin check.
  const ownKey = `csrf-${uniqueSuffix()}`;
  const own = await post(ownKey, { origin: site.baseUrl });
  expect(own.status).toBe(200);
  expect(own.body).toMatch(/"ok":true/);
  expect(await stored(ownKey)).toBe(1);
});

test("a member's JSON write (a report, a vote) posted cross-site with a forged X-Forwarded-Host is refused and writes nothing", async () => {
  test.setTimeout(120_000);
  const site = await ownInstance();
  const { member, cookie, from, number } = await poster();
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    rawRequest(`${site.baseUrl}${path}`, { method: "POST", from, body: JSON.stringify(body), headers: { "content-type": "application/json", accept: "application/json", cookie, ...headers } });
  const forged = { origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };
  const report = (key: string) => ({ number, occurredAt: "", channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: key });
  const stored = async (key: string) => (await sql().query(`SELECT 1 FROM "Report" WHERE "reporterId" = $1 AND "idempotencyKey" = $2`, [member.id, key])).rowCount;
  const votes = async () => (await sql().query(`SELECT 1 FROM "Vote" v JOIN "Claim" c ON c.id = v."claimId" WHERE v."userId" = $1 AND c.e164 = $2`, [member.id, number])).rowCount;

  const forgedKey = `csrf-json-${uniqueSuffix()}`;
  const refusedReport = await post("/api/reports", report(forgedKey), forged);
  expect(refusedReport.status).toBe(403);
  expect(refusedReport.body).not.toMatch(/"ok":true/);
  const refusedVote = await post("/api/votes", { e164: number, legitimate: false }, forged);
  expect(refusedVote.status).toBe(403);
  expect(await stored(forgedKey)).toBe(0);
  expect(await votes()).toBe(0);

  // From the site's own origin both are stored: the refusals above were the origin check.
  const ownKey = `csrf-json-${uniqueSuffix()}`;
  const ownReport = await post("/api/reports", report(ownKey), { origin: site.baseUrl });
  expect(ownReport.status).toBe(200);
  expect(ownReport.body).toMatch(/"ok":true/);
  expect(await stored(ownKey)).toBe(1);
  const ownVote = await post("/api/votes", { e164: number, legitimate: false }, { origin: site.baseUrl });
  expect(ownVote.status).toBe(200);
  expect(await votes()).toBe(1);
});
