import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { encodeSessionToken } from "@/lib/accounts/session-token";
import { invalidateNumber } from "@/lib/platform/data-cache";
import { db } from "@/lib/platform/db";
import type { MemberView } from "@/components/member/types";

// GET /api/me through its real handler: a real session token in the Cookie header, PostgreSQL behind it.

let sessionCookie: string | null = null;
process.env.AUTH_SECRET ||= `me-${randomBytes(16).toString("hex")}`;
vi.mock("next/headers", () => ({
  // The route reads its own Request's headers; next/headers has no session, so reading it would find none.
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, set: () => undefined, getAll: () => [], has: () => false, delete: () => undefined }),
}));

let GET: typeof import("./route").GET;
beforeAll(async () => {
  ({ GET } = await import("./route"));
});

async function signedInAs(role: "USER" | "MODERATOR", options: { suspended?: boolean } = {}) {
  const createdAt = new Date(Date.now() - 40 * 86_400_000);
  const user = await db.user.create({
    data: { email: `me-${randomBytes(4).toString("hex")}@example.com`, name: `Me ${randomBytes(2).toString("hex")}`, role, createdAt, emailVerified: createdAt, suspendedAt: options.suspended ? new Date() : null },
  });
  sessionCookie = await encodeSessionToken({ token: { uid: user.id, role, sv: user.sessionVersion }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
  return user;
}

// The session comes in the request's own Cookie header, as scripts/server.mjs hands it to the handler.
const call = (query = "") => GET(new Request(`http://localhost/api/me${query}`, { headers: sessionCookie ? { cookie: `authjs.session-token=${sessionCookie}` } : {} }), undefined);

describe("GET /api/me", () => {
  test("a visitor: 401 and the hint cleared", async () => {
    sessionCookie = null;
    const response = await call("?number=%2B61491570006");
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
    expect(response.headers.get("set-cookie")).toMatch(/^callercheck-view=; .*Max-Age=0/);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  test("a member: who they are, their parts of a number, and the hint set", async () => {
    const user = await signedInAs("USER");
    const e164 = `+6149157${String(process.pid % 100).padStart(2, "0")}99`;
    await db.phoneNumber.upsert({ where: { e164 }, create: { e164, country: "AU", type: "MOBILE", reporterCount: 2 }, update: {} });
    await db.watch.create({ data: { userId: user.id, e164 } });
    const claim = await db.claim.create({ data: { e164, organisationKey: "-" } });
    await db.vote.create({ data: { userId: user.id, claimId: claim.id, legitimate: true } });
    const response = await call(`?number=${encodeURIComponent(e164)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^callercheck-view=member; Path=\/; SameSite=Lax; Max-Age=2592000$/);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = (await response.json()) as MemberView;
    expect(body.viewer).toEqual({ name: user.name, staff: false, suspended: false });
    expect(body.number).toMatchObject({ watching: true, votes: { [claim.id]: true }, speaksFor: [] });
    // Without a number: only who they are.
    expect(await (await call()).json()).toEqual({ viewer: { name: user.name, staff: false, suspended: false } });
  });

  test("a session that has been ended, or whose account was deleted: 401 with no parts, on a number's view too", async () => {
    const user = await signedInAs("USER");
    const e164 = `+6149158${String(process.pid % 100).padStart(2, "0")}98`;
    await db.phoneNumber.upsert({ where: { e164 }, create: { e164, country: "AU", type: "MOBILE", reporterCount: 1 }, update: {} });
    await db.watch.create({ data: { userId: user.id, e164 } });
    expect((await call(`?number=${encodeURIComponent(e164)}`)).status).toBe(200);
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    for (const query of [`?number=${encodeURIComponent(e164)}`, "", "?organisation=no-such-organisation"]) {
      const ended = await call(query);
      expect(ended.status).toBe(401);
      expect(await ended.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "You are not signed in." } });
      expect(ended.headers.get("set-cookie")).toMatch(/^callercheck-view=; .*Max-Age=0/);
    }
    const other = await signedInAs("USER");
    await db.user.update({ where: { id: other.id }, data: { deletedAt: new Date() } });
    expect((await call(`?number=${encodeURIComponent(e164)}`)).status).toBe(401);
  });

  test("a representative: the organisation they manage and watch; another they do not", async () => {
    const user = await signedInAs("USER");
    const s = randomBytes(4).toString("hex");
    const [mine, other] = await Promise.all(
      [`me-a-${s}`, `me-b-${s}`].map((slug) => db.organisation.create({ data: { slug, name: `Org ${slug}`, category: "INSURER", country: "AU", domains: [`${slug}.example`], searchText: slug } })),
    );
    await db.organisationRepresentative.create({ data: { userId: user.id, organisationId: mine.id, email: user.email, status: "ACTIVE", method: "MODERATOR", confirmedAt: new Date() } });
    await db.organisationWatch.create({ data: { userId: user.id, organisationId: mine.id } });
    expect(((await (await call(`?organisation=${mine.id}`)).json()) as MemberView).organisation).toEqual({ watching: true, manages: true });
    expect(((await (await call(`?organisation=${other.id}`)).json()) as MemberView).organisation).toEqual({ watching: false, manages: false });
    expect(((await (await call("?organisation=no-such-organisation")).json()) as MemberView).organisation).toEqual({ watching: false, manages: false });
    const both = await call(`?organisation=${mine.id}&number=%2B61491570006`);
    expect(both.status).toBe(400);
    const hostile = await call(`?organisation=${encodeURIComponent("x' OR 1=1 --")}`);
    expect(hostile.status).toBe(400);
    expect((await hostile.json()).error.message).toMatch(/organisation/);
  });

  test("past 600 asks a minute with a subject, a member is refused with 429 and Retry-After; who they are still answers", async () => {
    await signedInAs("USER");
    for (let i = 0; i < 600; i++) expect((await call("?organisation=no-such-organisation")).status).toBe(200);
    const refused = await call("?organisation=no-such-organisation");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    expect((await call()).status).toBe(200);
  });

  test("staff: answered with the hint set, their parts carrying the texts only staff read; a member's carry none", async () => {
    const s = randomBytes(4).toString("hex");
    // One reporter: the privacy rule holds the number's texts back from everyone but staff.
    const e164 = `+6149158${String(process.pid % 100).padStart(2, "0")}${String(randomBytes(1)[0]! % 90 + 10)}`;
    await db.phoneNumber.upsert({ where: { e164 }, create: { e164, country: "AU", type: "MOBILE", reporterCount: 1 }, update: { reporterCount: 1 } });
    const organisation = await db.organisation.create({ data: { slug: `me-staff-${s}`, name: `Org ${s}`, category: "INSURER", country: "AU", searchText: s } });
    const author = await db.user.create({ data: { email: `me-author-${s}@example.com`, name: `Author ${s}` } });
    const report = await db.report.create({
      data: { e164, reporterId: author.id, organisationId: organisation.id, occurredAt: new Date(), category: "SCAM", askedFor: [], body: `held back ${s}`, callerIdName: `CALLER ${s}` },
    });
    const comment = await db.comment.create({ data: { e164, authorId: author.id, body: `hidden comment ${s}`, hiddenAt: new Date() } });

    await signedInAs("MODERATOR");
    const response = await call(`?number=${encodeURIComponent(e164)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^callercheck-view=member; /);
    const staffView = (await response.json()) as MemberView;
    expect(staffView.viewer.staff).toBe(true);
    expect(staffView.number?.staff?.reports[report.id]).toEqual({ body: `held back ${s}`, callerIdName: `CALLER ${s}` });
    expect(staffView.number?.staff?.comments.visibility.visible).toBe(true);
    expect(staffView.number?.staff?.comments.threads.find((thread) => thread.id === comment.id)).toMatchObject({ state: "HIDDEN", body: `hidden comment ${s}` });
    const organisationView = (await (await call(`?organisation=${organisation.id}`)).json()) as MemberView;
    expect(organisationView.organisation?.staff?.reports[report.id]).toBe(`held back ${s}`);

    await signedInAs("USER");
    const memberView = (await (await call(`?number=${encodeURIComponent(e164)}`)).json()) as MemberView;
    expect(memberView.number).toBeDefined();
    expect(memberView.number?.staff).toBeUndefined();
    expect(JSON.stringify(memberView)).not.toContain(s);
    const memberOrganisation = (await (await call(`?organisation=${organisation.id}`)).json()) as MemberView;
    expect(memberOrganisation.organisation).toBeDefined();
    expect(memberOrganisation.organisation?.staff).toBeUndefined();
  });

  test("staff on a number whose page already shows every text: no texts of their own; a hidden comment brings the staff page of comments", async () => {
    const s = randomBytes(4).toString("hex");
    // Two reporters: the privacy rule shows the texts to everyone.
    const e164 = `+6149159${String(process.pid % 100).padStart(2, "0")}${String(randomBytes(1)[0]! % 90 + 10)}`;
    await db.phoneNumber.upsert({ where: { e164 }, create: { e164, country: "AU", type: "MOBILE", reporterCount: 2 }, update: { reporterCount: 2 } });
    const author = await db.user.create({ data: { email: `me-open-${s}@example.com`, name: `Author ${s}` } });
    await db.report.create({ data: { e164, reporterId: author.id, occurredAt: new Date(), category: "SCAM", askedFor: [], body: `open text ${s}` } });
    await db.comment.create({ data: { e164, authorId: author.id, body: `open comment ${s}` } });
    await signedInAs("MODERATOR");
    const open = (await (await call(`?number=${encodeURIComponent(e164)}`)).json()) as MemberView;
    expect(open.viewer.staff).toBe(true);
    expect(open.number).toBeDefined();
    expect(open.number?.staff).toBeUndefined();

    const hidden = await db.comment.create({ data: { e164, authorId: author.id, body: `hidden comment ${s}`, hiddenAt: new Date() } });
    // The shared page is read through the data cache: this write was made behind its back.
    invalidateNumber(e164);
    const withHidden = (await (await call(`?number=${encodeURIComponent(e164)}`)).json()) as MemberView;
    expect(withHidden.number?.staff?.reports).toEqual({});
    expect(withHidden.number?.staff?.comments.threads.find((thread) => thread.id === hidden.id)?.body).toBe(`hidden comment ${s}`);
  });

  test("a suspended member is told so", async () => {
    await signedInAs("USER", { suspended: true });
    expect(((await (await call()).json()) as MemberView).viewer.suspended).toBe(true);
  });

  test.each([["not a number", "?number=hello"], ["a national spelling", "?number=0491570006"], ["empty", "?number="], ["SQL", "?number=%27%20OR%201%3D1--"]])("an invalid number (%s): 400 with a message", async (_label, query) => {
    await signedInAs("USER");
    const response = await call(query);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toEqual({ code: "INVALID", message: expect.stringMatching(/international form/) });
  });
});
