import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { getActorById, type Actor } from "../accounts/authz";
import { getNumberPage } from "../numbers/page";
import { db, sql } from "../platform/db";
import { createReport } from "../reports/report";
import { currentVersion, refreshListing, refreshListingLocked } from "./listing";
import { listingFor } from "./rules";

// A listing is written by one statement (callercheck_write_listing) that writes only while the inputs it was
// computed from stand (the state's stamp); otherwise the refresh reads them again. These tests hold that to
// the page's verdict when many reporters come at once, and check the stale answer itself.

const DAY = 86_400_000;
const key = () => randomBytes(6).toString("hex");

async function member(): Promise<Actor> {
  const createdAt = new Date(Date.now() - 90 * DAY);
  const user = await db.user.create({ data: { email: `write-${key()}@example.com`, name: "Writer", createdAt, emailVerified: createdAt, trustLevel: "TL1" }, select: { id: true } });
  return (await getActorById(user.id)) as Actor;
}

async function expectedListing(e164: string) {
  const page = await getNumberPage(e164, null, { reports: 0, chart: false });
  return listingFor(page.verdict, Object.fromEntries(page.categories.map((c) => [c.category, c.reporters])));
}

const stored = (e164: string) =>
  db.listedNumber.findUnique({ where: { e164 }, select: { verdict: true, allowed: true, blocked: true, category: true, confidence: true, blockVersion: true } });

const uniqueNumber = () => `+6149131${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}`;

test("many members reporting one number at once: its listing ends as its page verdict after every burst", async () => {
  const e164 = uniqueNumber();
  const members = await Promise.all(Array.from({ length: 60 }, member));
  const before = await currentVersion();
  // Every report is a new reporter on a number that reaches the blocklist: each moves its confidence, so
  // each may write the listing while the others' statements commit around it.
  for (let burst = 0; burst < 5; burst++) {
    const results = await Promise.allSettled(
      members.slice(burst * 12, burst * 12 + 12).map((actor, i) =>
        createReport(actor, { number: e164, channel: "CALL", category: i % 5 === 4 ? "TELEMARKETING" : "SCAM", askedFor: [], idempotencyKey: key() }, { address: `write-${burst}-${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const expected = await expectedListing(e164);
    const row = await stored(e164);
    expect({ verdict: row?.verdict, blocked: row?.blocked ?? false, category: row?.category ?? null, confidence: row?.blocked ? row.confidence : 0 }, `after burst ${burst}`).toEqual({
      verdict: expected.blocked || row ? expected.verdict : undefined,
      blocked: expected.blocked,
      category: expected.blocked ? expected.category : null,
      confidence: expected.blocked ? expected.confidence : 0,
    });
  }
  const row = await stored(e164);
  expect(row?.blocked).toBe(true);
  // The listing's version was given out after this test began, and no later than the counter now stands.
  expect(row!.blockVersion! > before).toBe(true);
  expect(row!.blockVersion! <= (await currentVersion())).toBe(true);
});

test("a listing computed from inputs that moved since is not written: the write answers 'stale' and the refresh reads again", async () => {
  const e164 = uniqueNumber();
  const members = await Promise.all(Array.from({ length: 7 }, member));
  for (const actor of members.slice(0, 6)) {
    await createReport(actor, { number: e164, channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: key() }, { address: `stale-${key()}` });
  }
  const [old] = await sql<{ stamp: string }>(`SELECT stamp FROM callercheck_listing_state($1)`, [e164]);
  const listedBefore = await stored(e164);
  expect(listedBefore?.blocked).toBe(true);
  // A seventh reporter moves the counters after that state was read.
  await createReport(members[6]!, { number: e164, channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: key() }, { address: `stale-${key()}` });
  const afterReport = await stored(e164);
  expect(afterReport!.confidence).toBeGreaterThan(listedBefore!.confidence);

  // A write computed from the older state (here, one that would take the number off the blocklist) is refused.
  const version = await currentVersion();
  const [answer] = await sql<{ outcome: string }>(
    `SELECT callercheck_write_listing($1, $2, 'x', 'x', 'NOT_ENOUGH_REPORTS', false, '{}'::text[], false, NULL, 0, false, true) AS outcome`,
    [e164, old!.stamp],
  );
  expect(answer!.outcome).toBe("stale");
  expect(await stored(e164)).toEqual(afterReport);
  expect(await currentVersion()).toBe(version);

  // With the current stamp, the same statement writes, and takes the next version.
  const [now] = await sql<{ stamp: string }>(`SELECT stamp FROM callercheck_listing_state($1)`, [e164]);
  const [written] = await sql<{ outcome: string }>(
    `SELECT callercheck_write_listing($1, $2, 'x', 'x', 'NOT_ENOUGH_REPORTS', false, '{}'::text[], false, NULL, 0, false, true) AS outcome`,
    [e164, now!.stamp],
  );
  expect(written!.outcome).toBe("written");
  expect((await stored(e164))!.blockVersion).toBe(version + BigInt(1));
  // A refresh puts the verdict back from the counters: the stamp moved with that write, so it reads again.
  await refreshListing(e164);
  const expected = await expectedListing(e164);
  expect(await stored(e164)).toMatchObject({ verdict: expected.verdict, blocked: true, confidence: expected.confidence, blockVersion: version + BigInt(2) });
});

test("the locked way (after three stale answers in a row) writes what the page's verdict gives, plain or published", async () => {
  const plain = uniqueNumber();
  const published = uniqueNumber();
  await db.organisation.create({ data: { slug: `write-locked-${key()}`, name: `Write locked ${key()}`, officialPhone: published, status: "ACTIVE" } });
  const members = await Promise.all(Array.from({ length: 6 }, member));
  for (const e164 of [plain, published]) {
    for (const actor of members) {
      await createReport(actor, { number: e164, channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: key() }, { address: `locked-${key()}` });
    }
  }
  for (const e164 of [plain, published]) {
    const expected = await expectedListing(e164);
    // A listing left behind (as if written from older inputs): the locked way puts it right, with a new version.
    await db.listedNumber.upsert({
      where: { e164 },
      create: { e164, sha256: "x", hashPrefix: "x", verdict: "NOT_ENOUGH_REPORTS", blocked: false, confidence: 0 },
      update: { verdict: "NOT_ENOUGH_REPORTS", blocked: false, confidence: 0 },
    });
    const version = await currentVersion();
    await refreshListingLocked(e164);
    expect(await stored(e164), e164).toMatchObject({ verdict: expected.verdict, allowed: expected.allowed, blocked: expected.blocked, category: expected.category, confidence: expected.confidence });
    if (expected.blocked) expect((await stored(e164))!.blockVersion!, e164).toBeGreaterThan(version);
  }
});
