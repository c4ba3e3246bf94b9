import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { encodeSessionToken } from "@/lib/accounts/session-token";
import { db } from "@/lib/platform/db";

// POST and DELETE /api/votes through the real handlers: a real session token in the Cookie header,
// PostgreSQL behind them. What the vote panel sends when JavaScript runs (claim-vote.tsx).

let sessionCookie: string | null = null;
process.env.AUTH_SECRET ||= `votes-${randomBytes(16).toString("hex")}`;
vi.mock("next/headers", () => ({
  // The route reads its own Request's headers; next/headers has no session, so reading it would find none.
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, set: () => undefined, getAll: () => [], has: () => false, delete: () => undefined }),
}));

let route: typeof import("./route");
beforeAll(async () => {
  route = await import("./route");
});

async function signIn(options: { suspended?: boolean } = {}) {
  const createdAt = new Date(Date.now() - 40 * 86_400_000);
  const user = await db.user.create({
    data: {
      email: `votes-${randomBytes(4).toString("hex")}@example.com`,
      name: "Route Voter",
      createdAt,
      emailVerified: createdAt,
      trustLevel: "TL1",
      suspendedAt: options.suspended ? new Date() : null,
    },
  });
  sessionCookie = await encodeSessionToken({ token: { uid: user.id, role: "USER", sv: user.sessionVersion }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
  return user;
}

async function freshClaim() {
  const e164 = `+6149157${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
  await db.phoneNumber.upsert({ where: { e164 }, create: { e164, country: "AU", type: "MOBILE" }, update: {} });
  const claim = await db.claim.create({ data: { e164, organisationKey: `route-${randomBytes(4).toString("hex")}` } });
  return { e164, claimId: claim.id };
}

function send(method: "POST" | "DELETE", body: unknown, headers: Record<string, string> = {}) {
  const request = new Request("http://localhost/api/votes", {
    method,
    // The handler reads the session and the client's address from the request (lib/accounts/write-route.ts).
    headers: {
      host: "localhost",
      "content-type": "application/json",
      "x-callercheck-client-address": `10.77.${process.pid % 250}.1`,
      ...(sessionCookie ? { cookie: `authjs.session-token=${sessionCookie}` } : {}),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return method === "POST" ? route.POST(request) : route.DELETE(request);
}

const votesOn = (claimId: string) => db.vote.count({ where: { claimId } });

describe("POST /api/votes", () => {
  test("a member casts, changes and withdraws a vote; each answer is the panel's figures", async () => {
    const user = await signIn();
    const { claimId } = await freshClaim();
    const cast = await send("POST", { claimId, legitimate: true }, { origin: "http://localhost" });
    expect(cast.status).toBe(200);
    expect(cast.headers.get("cache-control")).toBe("no-store");
    expect(await cast.json()).toMatchObject({ ok: true, message: "Thanks — your vote is counted.", data: { claimId, legitVotes: 1, notLegitVotes: 0, myVote: true } });

    const changed = await (await send("POST", { claimId, legitimate: false })).json();
    expect(changed).toMatchObject({ ok: true, data: { legitVotes: 0, notLegitVotes: 1, myVote: false } });
    expect(await db.vote.findMany({ where: { claimId }, select: { userId: true, legitimate: true, weight: true } })).toEqual([{ userId: user.id, legitimate: false, weight: 1 }]);

    const withdrawn = await send("DELETE", { claimId });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ ok: true, message: "Your vote was withdrawn.", data: { legitVotes: 0, notLegitVotes: 0, myVote: null } });
    expect(await votesOn(claimId)).toBe(0);
  });

  test("a number's first vote creates its organisation-less claim", async () => {
    await signIn();
    const e164 = `+6149157${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
    const body = await (await send("POST", { e164, legitimate: false })).json();
    expect(body.ok).toBe(true);
    const claim = await db.claim.findUniqueOrThrow({ where: { e164_organisationKey: { e164, organisationKey: "-" } }, select: { id: true, notLegitVotes: true } });
    expect(claim).toEqual({ id: body.data.claimId, notLegitVotes: 1 });
  });

  test("a visitor gets 401 and a suspended member 403; nothing is stored", async () => {
    const { claimId } = await freshClaim();
    sessionCookie = null;
    const visitor = await send("POST", { claimId, legitimate: true });
    expect(visitor.status).toBe(401);
    expect(await visitor.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED", error: "Sign in to do that." });
    await signIn({ suspended: true });
    const suspended = await send("POST", { claimId, legitimate: true });
    expect(suspended.status).toBe(403);
    expect((await suspended.json()).code).toBe("FORBIDDEN");
    expect(await votesOn(claimId)).toBe(0);
  });

  test("bad input is a 4xx with a clear message and changes nothing", async () => {
    await signIn();
    const { claimId } = await freshClaim();
    const missing = await send("POST", { claimId });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { legitimate: ["Choose Legitimate or Not legitimate."] } });
    expect((await send("POST", { claimId, legitimate: "yes" })).status).toBe(400);
    expect((await send("POST", { legitimate: true })).status).toBe(400);
    expect((await send("POST", "{not json")).status).toBe(400);
    expect((await send("POST", [claimId, true])).status).toBe(400);
    expect((await send("POST", { claimId: "x\u0000y", legitimate: true })).status).toBe(400);
    const plain = await send("POST", `claimId=${claimId}&legitimate=true`, { "content-type": "application/x-www-form-urlencoded" });
    expect(plain.status).toBe(415);
    const large = await send("POST", { claimId, legitimate: true, padding: "x".repeat(70 * 1024) });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ ok: false, error: "The form is too large. Shorten what you typed and try again." });
    expect((await send("POST", { claimId: "no-such-claim", legitimate: true })).status).toBe(404);
    expect((await send("DELETE", { claimId: "no-such-claim" })).status).toBe(404);
    expect(await votesOn(claimId)).toBe(0);
  });

  test("a vote sent from another site's page is refused with 403", async () => {
    await signIn();
    const { claimId } = await freshClaim();
    const response = await send("POST", { claimId, legitimate: true }, { origin: "https://elsewhere.example" });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatch(/CallerCheck's own pages/);
    expect(await votesOn(claimId)).toBe(0);
  });
});
