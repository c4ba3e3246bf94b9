import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { createComment } from "../comments/comment";
import { lookupNumber } from "../numbers/lookup";
import { getPublicNumberPage, listPublicClaimsForNumber, listPublicComments } from "../numbers/public-page";
import { memberNumberParts } from "../numbers/member-parts";
import { withMarks } from "../comments/marks";
import { getCachedOrganisationPage } from "../organisations/public-page";
import { promoteClaim } from "../registry/promote";
import { listCachedRegistryPage } from "../registry/feed";
import { getCachedHomeFeed } from "../reports/home-feed";
import { createReport } from "../reports/report";
import { castVote } from "../votes/vote";
import { listComments } from "../comments/comment";
import { watchNumber } from "../watches/watch";
import { cached, cacheSize, clearDataCache, invalidateTags } from "./data-cache";
import { db } from "./db";
import { env } from "./env";

// The data cache keeps visitors' reads for DATA_CACHE_SECONDS; every write that changes one drops it,
// so the next read (in this process) sees the write. Each test first proves the read is cached (a
// change made behind the cache's back, in SQL, is not seen), then writes through the app's command.

const key = () => randomBytes(6).toString("hex");
let seq = 0;
/** A fresh Australian mobile number for each test. */
const nextNumber = () => `+6149157${String(1_000 + ++seq * 97 + Math.floor(Math.random() * 90)).slice(-4)}`;

async function member(role: "USER" | "MODERATOR" = "USER"): Promise<Actor> {
  const createdAt = new Date(Date.now() - 60 * 86_400_000);
  return db.user.create({
    data: { email: `cache-${key()}@example.com`, name: `Cache ${key()}`, role, createdAt, emailVerified: createdAt },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}
const reportInput = (number: string, over: Record<string, unknown> = {}) => ({ number, occurredAt: "", channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: key(), ...over });

/** Changes a number's kept report count behind the cache's back (no command, no invalidation). */
const tamperReportCount = (e164: string, count: number) => db.phoneNumber.update({ where: { e164 }, data: { reportCount: count } });

const lifetime = env.DATA_CACHE_SECONDS;
afterEach(() => {
  env.DATA_CACHE_SECONDS = lifetime;
  // An audited action holds the cache for a moment after it (see invalidateAll): start each test clean.
  clearDataCache();
});

beforeAll(() => {
  expect(env.DATA_CACHE_SECONDS).toBeGreaterThan(0);
});

describe("a write drops the cached read it changed", () => {
  test("a report: the number's page, its lookup, its organisation's page and the home page", async () => {
    const reporter = await member();
    const org = await db.organisation.create({ data: { slug: `cache-org-${key()}`, name: `Cache Org ${key()}`, status: "ACTIVE" }, select: { id: true, slug: true } });
    const e164 = nextNumber();
    await createReport(reporter, reportInput(e164, { organisationId: org.id, category: "IMPERSONATION" }), { address: "cache-1" });

    expect((await getPublicNumberPage(e164)).counts.reports).toBe(1);
    expect((await lookupNumber({ number: e164 })).counts.reports).toBe(1);
    const orgPage = await getCachedOrganisationPage(org.slug);
    expect(orgPage && "organisation" in orgPage ? orgPage.organisation?.reportCount : null).toBe(1);
    const home = await getCachedHomeFeed("AU");
    expect(home.recentReports.some((entry) => entry.e164 === e164)).toBe(true);

    await tamperReportCount(e164, 99);
    expect((await getPublicNumberPage(e164)).counts.reports).toBe(1);
    expect((await lookupNumber({ number: e164 })).counts.reports).toBe(1);

    const second = await member();
    await createReport(second, reportInput(e164, { organisationId: org.id, category: "IMPERSONATION" }), { address: "cache-2" });
    // 99 + 1: the read came from the database again, not from the cache.
    expect((await getPublicNumberPage(e164)).counts.reports).toBe(100);
    expect((await lookupNumber({ number: e164 })).counts.reports).toBe(100);
    const after = await getCachedOrganisationPage(org.slug);
    expect(after && "organisation" in after ? after.organisation?.reportCount : null).toBe(2);
    expect((await getCachedHomeFeed("AU")).recentReports.filter((entry) => entry.e164 === e164)).toHaveLength(2);
  });

  test("a vote on a claim (by the claim's id) drops the number's page", async () => {
    const e164 = nextNumber();
    await createReport(await member(), reportInput(e164), { address: "cache-3" });
    const first = await castVote(await member(), { e164, legitimate: true });
    const before = await getPublicNumberPage(e164);
    expect(before.votes.total).toBeGreaterThan(0);
    const panel = async () => (await listPublicClaimsForNumber(e164)).find((claim) => claim.id === first.claimId);
    expect(await panel()).toMatchObject({ legitVotes: 1, notLegitVotes: 0 });
    await tamperReportCount(e164, 42);
    expect((await getPublicNumberPage(e164)).counts.reports).toBe(1);

    await castVote(await member(), { claimId: first.claimId, legitimate: false });
    const after = await getPublicNumberPage(e164);
    expect(after.counts.reports).toBe(42);
    expect(after.votes.notLegitWeight).toBeGreaterThan(0);
    expect(await panel()).toMatchObject({ legitVotes: 1, notLegitVotes: 1 });
  });

  test("a vote on an organisation's claim drops that organisation's page too (it lists its numbers' votes)", async () => {
    const e164 = nextNumber();
    const org = await db.organisation.create({ data: { slug: `vote-org-${key()}`, name: `Vote Org ${key()}`, status: "ACTIVE" }, select: { id: true, slug: true } });
    await createReport(await member(), reportInput(e164, { organisationId: org.id, category: "IMPERSONATION" }), { address: "cache-vote-org" });
    const claim = await db.claim.findFirstOrThrow({ where: { e164, organisationId: org.id }, select: { id: true } });
    const name = async () => {
      const page = await getCachedOrganisationPage(org.slug);
      return page && "organisation" in page ? page.organisation?.name : null;
    };
    const before = await name();
    // Behind the cache's back: the cached page does not see it until something drops it.
    await db.$executeRaw`UPDATE "Organisation" SET name = ${"Renamed behind the cache"} WHERE id = ${org.id}`;
    expect(await name()).toBe(before);
    await castVote(await member(), { claimId: claim.id, legitimate: false });
    expect(await name()).toBe("Renamed behind the cache");
  });

  test("a comment and a watch drop the number's page", async () => {
    const e164 = nextNumber();
    await createReport(await member(), reportInput(e164), { address: "cache-4" });
    expect((await getPublicNumberPage(e164)).counts.comments).toBe(0);
    expect((await listPublicComments(e164)).total).toBe(0);
    await createComment(await member(), { e164, body: `A comment ${key()}` });
    expect((await getPublicNumberPage(e164)).counts.comments).toBe(1);
    expect((await listPublicComments(e164)).total).toBe(1);

    expect((await getPublicNumberPage(e164)).counts.watches).toBe(0);
    await watchNumber(await member(), { e164 });
    expect((await getPublicNumberPage(e164)).counts.watches).toBe(1);
  });

  test("an audited moderator action (promotion into the registry) drops the registry, the number and its organisation", async () => {
    const org = await db.organisation.create({ data: { slug: `cache-reg-${key()}`, name: `Registry Org ${key()}`, status: "ACTIVE" }, select: { id: true, slug: true, name: true } });
    const e164 = nextNumber();
    await createReport(await member(), reportInput(e164, { organisationId: org.id, category: "LEGITIMATE" }), { address: "cache-5" });
    const claim = await db.claim.findFirstOrThrow({ where: { e164, organisationId: org.id }, select: { id: true } });
    const listed = async () => (await listCachedRegistryPage({})).entries.some((entry) => entry.e164 === e164);
    expect(await listed()).toBe(false);
    expect((await getPublicNumberPage(e164)).verified).toBeNull();

    await promoteClaim(await member("MODERATOR"), claim.id, { method: "OFFICIAL_WEBSITE", source: "https://example.org/contact" });
    expect(await listed()).toBe(true);
    expect((await getPublicNumberPage(e164)).verified?.organisation.slug).toBe(org.slug);
    const orgPage = await getCachedOrganisationPage(org.slug);
    expect(orgPage && "organisation" in orgPage ? orgPage.organisation?.verifiedNumberCount : null).toBe(1);
  });
});

describe("members get everyone's cached copy, and their own parts afresh (memberNumberParts)", () => {
  test("a member's own vote and comment are in their next parts and everyone's copy; copy + marks equals the uncached read", async () => {
    const e164 = nextNumber();
    await createReport(await member(), reportInput(e164), { address: "cache-m1" });
    await createReport(await member(), reportInput(e164), { address: "cache-m2" });
    const me = await member();
    // Everyone's copy is cached: a change behind the cache's back is not seen…
    const other = await member();
    const { id: theirs } = await createComment(other, { e164, body: `Theirs ${key()}` });
    expect((await listPublicComments(e164)).threads[0]).toMatchObject({ id: theirs, mine: false });
    await db.comment.update({ where: { id: theirs }, data: { body: "changed behind the cache's back" } });
    expect((await listPublicComments(e164)).threads[0].body).toMatch(/^Theirs /);
    expect((await memberNumberParts(me, e164)).comments).toEqual({});
    // …but the member's own writes drop it, and their own parts are always read afresh.

    const { claimId } = await castVote(me, { e164, legitimate: false });
    expect((await memberNumberParts(me, e164)).votes).toEqual({ [claimId]: false });
    // Everyone's copy carries the vote's figures and no one's vote.
    expect((await listPublicClaimsForNumber(e164)).find((claim) => claim.id === claimId)).toMatchObject({ myVote: null, notLegitVotes: 1 });

    const { id } = await createComment(me, { e164, body: `Mine ${key()}` });
    const everyone = await listPublicComments(e164);
    expect(everyone.threads[1]).toMatchObject({ id: theirs, body: "changed behind the cache's back" });
    const parts = await memberNumberParts(me, e164);
    expect(parts.comments[id]).toMatchObject({ mine: true, editableUntil: expect.any(String) });
    expect(withMarks(everyone, parts.comments)).toEqual(await listComments(e164, me));
  });

  test("with read replicas configured, a member's parts are read against the primary (a replica may not have their write yet)", async () => {
    const e164 = nextNumber();
    await createReport(await member(), reportInput(e164), { address: "cache-m3" });
    const me = await member();
    expect((await listPublicClaimsForNumber(e164)).length).toBeGreaterThan(0);
    // Behind the cache's back: a claim the cached copy does not have, and the member's vote on it.
    const org = await db.organisation.create({ data: { slug: `replica-${key()}`, name: `Replica Org ${key()}`, category: "BANK", country: "AU", searchText: "replica" } });
    const claim = await db.claim.create({ data: { e164, organisationId: org.id, organisationKey: org.id } });
    await db.vote.create({ data: { userId: me.id, claimId: claim.id, legitimate: true } });
    expect((await memberNumberParts(me, e164)).votes).toEqual({});
    const replicas = env.DATABASE_REPLICA_URLS;
    env.DATABASE_REPLICA_URLS = ["postgresql://replica.invalid/callercheck"];
    try {
      expect((await memberNumberParts(me, e164)).votes).toEqual({ [claim.id]: true });
    } finally {
      env.DATABASE_REPLICA_URLS = replicas;
    }
  });
});

describe("the cache itself", () => {
  test("a write made elsewhere (another instance, SQL) is seen once the lifetime has passed", async () => {
    env.DATA_CACHE_SECONDS = 0.3;
    const e164 = nextNumber();
    await createReport(await member(), reportInput(e164), { address: "cache-6" });
    expect((await getPublicNumberPage(e164)).counts.reports).toBe(1);
    await tamperReportCount(e164, 7);
    expect((await getPublicNumberPage(e164)).counts.reports).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await getPublicNumberPage(e164)).counts.reports).toBe(7);
  });

  test("concurrent readers share one load; a load invalidated while in flight is not kept; failures are not kept", async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return loads;
    };
    const k = `test:${key()}`;
    expect(await Promise.all([cached(k, ["t1"], load), cached(k, ["t1"], load)])).toEqual([1, 1]);
    expect(await cached(k, ["t1"], load)).toBe(1);
    invalidateTags("t1");
    const inFlight = cached(k, ["t1"], load);
    invalidateTags("unrelated");
    expect(await inFlight).toBe(2);
    expect(await cached(k, ["t1"], load)).toBe(3);

    const failing = `test:${key()}`;
    await expect(cached(failing, [], async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cached(failing, [], async () => "up")).toBe("up");
  });

  test("an entry with its own lifetime outlives DATA_CACHE_SECONDS and still drops by tag; 0 still turns it off", async () => {
    env.DATA_CACHE_SECONDS = 0.2;
    let loads = 0;
    const k = `test:${key()}`;
    const read = () => cached(k, ["long"], async () => ++loads, { lifetimeMs: 60_000 });
    expect(await read()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await read()).toBe(1);
    invalidateTags("long");
    expect(await read()).toBe(2);
    env.DATA_CACHE_SECONDS = 0;
    expect(await read()).toBe(3);
  });

  test("DATA_CACHE_SECONDS=0 turns it off", async () => {
    env.DATA_CACHE_SECONDS = 0;
    const before = cacheSize();
    let loads = 0;
    const k = `test:${key()}`;
    await cached(k, [], async () => ++loads);
    await cached(k, [], async () => ++loads);
    expect(loads).toBe(2);
    expect(cacheSize()).toBe(before);
  });
});
