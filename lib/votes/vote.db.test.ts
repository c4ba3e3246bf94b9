import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { suspendMember } from "../accounts/admin";
import { recountAll } from "../numbers/counters";
import { db } from "../platform/db";
import { AppError } from "../platform/errors";
import { getClaimLegitimacy } from "../trust/legitimacy";
import { brigadeSummary, brigadingSignals, brigadingSignalsOf } from "../trust/brigading";
import { castVote, ensureNumberClaim, listClaimsForNumber, readBrigadeSummary, withdrawVote } from "./vote";

const DAY = 86_400_000;
let seq = 0;

async function member(options: { ageDays?: number; suspended?: boolean; role?: "USER" | "MODERATOR" } = {}): Promise<Actor> {
  const createdAt = new Date(Date.now() - (options.ageDays ?? 40) * DAY);
  return db.user.create({
    data: {
      email: `voter-${seq++}-${randomBytes(3).toString("hex")}@example.com`,
      name: "Voter",
      role: options.role ?? "USER",
      createdAt,
      emailVerified: createdAt,
      suspendedAt: options.suspended ? new Date() : null,
    },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

async function countersMatchRows(claimIds: string[]) {
  const claims = await db.claim.findMany({ where: { id: { in: claimIds } }, select: { id: true, legitVotes: true, notLegitVotes: true } });
  for (const claim of claims) {
    const legit = await db.vote.count({ where: { claimId: claim.id, legitimate: true } });
    const notLegit = await db.vote.count({ where: { claimId: claim.id, legitimate: false } });
    expect({ id: claim.id, legit: claim.legitVotes, notLegit: claim.notLegitVotes }).toEqual({ id: claim.id, legit, notLegit });
  }
}

describe("ensureNumberClaim", () => {
  test("creates the number and its organisation-less claim once", async () => {
    const [a, b] = await Promise.all([ensureNumberClaim("+61491570101"), ensureNumberClaim("+61491570101")]);
    expect(a.id).toBe(b.id);
    expect(await db.phoneNumber.findUnique({ where: { e164: "+61491570101" }, select: { type: true } })).toEqual({ type: "MOBILE" });
    expect(await db.claim.count({ where: { e164: "+61491570101", organisationKey: "-" } })).toBe(1);
  });

  test("refuses something that is not a phone number", async () => {
    await expect(ensureNumberClaim("+999")).rejects.toBeInstanceOf(AppError);
  });
});

describe("casting, changing and withdrawing", () => {
  test("a vote, a change and a withdrawal keep the counters and the panel right", async () => {
    const voter = await member();
    const { claimId } = await castVote(voter, { e164: "+61491570102", legitimate: true });
    let [row] = (await listClaimsForNumber("+61491570102", voter)).filter((c) => c.id === claimId);
    expect(row).toMatchObject({ legitVotes: 1, notLegitVotes: 0, myVote: true });
    await castVote(voter, { claimId, legitimate: false });
    [row] = (await listClaimsForNumber("+61491570102", voter)).filter((c) => c.id === claimId);
    expect(row).toMatchObject({ legitVotes: 0, notLegitVotes: 1, myVote: false });
    await castVote(voter, { claimId, legitimate: false });
    expect(await db.vote.count({ where: { claimId } })).toBe(1);
    await withdrawVote(voter, { claimId });
    [row] = (await listClaimsForNumber("+61491570102", voter)).filter((c) => c.id === claimId);
    expect(row).toMatchObject({ legitVotes: 0, notLegitVotes: 0, myVote: null });
    await countersMatchRows([claimId]);
  });

  test("a visitor (no actor) and bad input are refused, nothing stored", async () => {
    const claim = await ensureNumberClaim("+61491570103");
    await expect(castVote(null, { claimId: claim.id, legitimate: true })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const voter = await member();
    await expect(castVote(voter, { claimId: claim.id, legitimate: "yes" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(castVote(voter, { legitimate: true })).rejects.toMatchObject({ code: "INVALID" });
    await expect(castVote(voter, { claimId: "no-such-claim", legitimate: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.vote.count({ where: { claimId: claim.id } })).toBe(0);
  });

  test("the panel always offers the organisation-less claim, without creating it", async () => {
    const rows = await listClaimsForNumber("+61491570104", null);
    expect(rows).toEqual([expect.objectContaining({ id: null, organisation: null, legitVotes: 0 })]);
    expect(await db.claim.count({ where: { e164: "+61491570104" } })).toBe(0);
  });
});

describe("concurrency", () => {
  test("200 members casting and changing 1,000 votes at once leave counters equal to rows", async () => {
    const voters = await Promise.all(Array.from({ length: 200 }, () => member()));
    const claims = await Promise.all(["+61491570111", "+61491570112", "+61491570113"].map((e164) => ensureNumberClaim(e164)));
    const claimIds = claims.map((claim) => claim.id);
    // Deterministic pseudo-random plan: each member votes 5 times, often on the same claim with a different answer.
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    const plan = voters.flatMap((voter) => Array.from({ length: 5 }, () => ({ voter, claimId: claimIds[next() % 3], legitimate: next() % 2 === 0, withdraw: next() % 10 === 0 })));
    expect(plan).toHaveLength(1000);
    const results = await Promise.allSettled(
      plan.map(({ voter, claimId, legitimate, withdraw }) => (withdraw ? withdrawVote(voter, { claimId }) : castVote(voter, { claimId, legitimate }))),
    );
    const failures = results.filter((result) => result.status === "rejected");
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    await countersMatchRows(claimIds);
    const duplicates = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int n FROM (SELECT "claimId", "userId" FROM "Vote" GROUP BY 1, 2 HAVING count(*) > 1) d`;
    expect(duplicates[0].n).toBe(0);
    expect(await db.vote.count({ where: { claimId: { in: claimIds } } })).toBeGreaterThan(300);
    // The counters also agree with a full recount from rows.
    const before = await db.claim.findMany({ where: { id: { in: claimIds } }, select: { id: true, legitVotes: true, notLegitVotes: true }, orderBy: { id: "asc" } });
    await recountAll(db);
    const after = await db.claim.findMany({ where: { id: { in: claimIds } }, select: { id: true, legitVotes: true, notLegitVotes: true }, orderBy: { id: "asc" } });
    expect(after).toEqual(before);
  }, 300_000);
});

describe("a burst on one popular number", () => {
  test("1,000 members voting on one claim at once all succeed (queued, not failed), counters and kept sums exact", async () => {
    const createdAt = new Date(Date.now() - 60 * DAY);
    const tag = randomBytes(4).toString("hex");
    await db.user.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({ email: `burst-${tag}-${i}@example.com`, name: "Burst", createdAt, emailVerified: createdAt })),
    });
    const voters = await db.user.findMany({
      where: { email: { startsWith: `burst-${tag}-` } },
      select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
    });
    expect(voters).toHaveLength(1000);
    const results = await Promise.allSettled(voters.map((voter, i) => castVote(voter, { e164: "+61491570199", legitimate: i % 3 !== 0 })));
    const failures = results.filter((result) => result.status === "rejected");
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    const claim = await db.claim.findUniqueOrThrow({
      where: { e164_organisationKey: { e164: "+61491570199", organisationKey: "-" } },
      select: { id: true, legitVotes: true, notLegitVotes: true, legitScaled: true, notLegitScaled: true },
    });
    expect({ legit: claim.legitVotes, notLegit: claim.notLegitVotes }).toEqual({ legit: 666, notLegit: 334 });
    await countersMatchRows([claim.id]);
    // Every answer carried the panel as it stood after that vote; the last one counted every vote.
    const counts = results.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof castVote>>>).value.panel);
    expect(Math.max(...counts.map((panel) => panel.legitVotes + panel.notLegitVotes))).toBe(1000);
    expect((await getClaimLegitimacy([claim.id])).get(claim.id)!.legitWeight).toBeCloseTo(666, 1);
    await recountAll(db);
    const after = await db.claim.findUniqueOrThrow({ where: { id: claim.id }, select: { legitVotes: true, notLegitVotes: true, legitScaled: true, notLegitScaled: true } });
    expect(after.legitVotes).toBe(claim.legitVotes);
    expect(after.legitScaled).toBeCloseTo(claim.legitScaled, 6);
    expect(after.notLegitScaled).toBeCloseTo(claim.notLegitScaled, 6);
    // The burst is in front of a moderator, once.
    expect(await db.claimAlert.count({ where: { claimId: claim.id, kind: "VOTE_BURST" } })).toBe(1);
  }, 300_000);
});

describe("abuse", () => {
  test("10 fresh accounts voting one claim within an hour open one brigading alert", async () => {
    const claim = await ensureNumberClaim("+61491570121");
    const established = await member({ ageDays: 100 });
    await castVote(established, { claimId: claim.id, legitimate: true });
    expect(await db.claimAlert.count({ where: { claimId: claim.id } })).toBe(0);
    const fresh = await Promise.all(Array.from({ length: 10 }, () => member({ ageDays: 2 })));
    for (const voter of fresh) await castVote(voter, { claimId: claim.id, legitimate: false });
    const alerts = await db.claimAlert.findMany({ where: { claimId: claim.id, resolvedAt: null }, select: { kind: true } });
    expect(alerts).toEqual([{ kind: "NEW_ACCOUNT_WEIGHT" }]);
  });

  test("more than 20 votes in an hour is a burst, recorded once", async () => {
    const claim = await ensureNumberClaim("+61491570122");
    const voters = await Promise.all(Array.from({ length: 23 }, () => member({ ageDays: 60 })));
    for (const voter of voters) await castVote(voter, { claimId: claim.id, legitimate: true });
    expect(await db.claimAlert.findMany({ where: { claimId: claim.id }, select: { kind: true } })).toEqual([{ kind: "VOTE_BURST" }]);
  });

  test("the brigading figures summed in SQL equal the pure rules over the rows, on random histories", async () => {
    let state = 20261130;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const now = new Date();
    for (let history = 0; history < 4; history++) {
      const claim = await ensureNumberClaim(`+6149157013${history}`);
      const voters = await Promise.all(Array.from({ length: 12 + history * 6 }, () => member({ ageDays: Math.floor(random() * 14) })));
      await db.vote.createMany({
        data: voters.map((voter, i) => {
          // Cast between 0 and 30 hours ago, some in the last hour; weights of every level.
          const castAt = new Date(now.getTime() - (random() < 0.3 ? random() * 3_600_000 : random() * 30 * 3_600_000));
          return { claimId: claim.id, userId: voter.id, legitimate: i % 3 !== 0, weight: [0.25, 1, 1.5, 2][i % 4], createdAt: castAt, updatedAt: castAt };
        }),
      });
      const rows = await db.vote.findMany({ where: { claimId: claim.id }, select: { updatedAt: true, weight: true, user: { select: { createdAt: true } } } });
      const recent = rows.map((row) => ({ castAt: row.updatedAt, weight: row.weight, voterCreatedAt: row.user.createdAt })).filter((vote) => now.getTime() - vote.castAt.getTime() <= 24 * 3_600_000);
      const { votes, open, ...summary } = await readBrigadeSummary(null, claim.id, now);
      expect(summary).toEqual(brigadeSummary(recent, now));
      expect(votes).toBe(recent.length);
      expect(open).toEqual([]);
      expect(brigadingSignalsOf(summary)).toEqual(brigadingSignals(recent, now));
    }
  });

  test("a vote is weighed at the voter's level now, even when their stored level is behind time (re-weighed at once)", async () => {
    const claim = await ensureNumberClaim("+61491570124");
    // Stored as TL0 (an account's first day), but the account is 40 days old and confirmed: TL1 now.
    const behind = await member();
    expect(await db.user.findUniqueOrThrow({ where: { id: behind.id }, select: { trustLevel: true } })).toEqual({ trustLevel: "TL0" });
    // Stored at its level already: the one-statement path with nothing to re-weigh.
    const current = await member();
    await db.user.update({ where: { id: current.id }, data: { trustLevel: "TL1" } });
    await castVote(behind, { claimId: claim.id, legitimate: true });
    await castVote(current, { claimId: claim.id, legitimate: false });
    expect(await db.user.findUniqueOrThrow({ where: { id: behind.id }, select: { trustLevel: true } })).toEqual({ trustLevel: "TL1" });
    expect(await db.vote.findMany({ where: { claimId: claim.id }, select: { userId: true, weight: true }, orderBy: { userId: "asc" } })).toEqual(
      [{ userId: behind.id, weight: 1 }, { userId: current.id, weight: 1 }].sort((a, b) => (a.userId < b.userId ? -1 : 1)),
    );
    const kept = (await getClaimLegitimacy([claim.id])).get(claim.id)!;
    // Decayed by the milliseconds since the votes were cast.
    expect(kept.legitWeight).toBeCloseTo(1, 6);
    expect(kept.notLegitWeight).toBeCloseTo(1, 6);
    const sums = () => db.claim.findUniqueOrThrow({ where: { id: claim.id }, select: { legitScaled: true, notLegitScaled: true } });
    const before = await sums();
    await recountAll(db);
    const after = await sums();
    expect(after.legitScaled).toBeCloseTo(before.legitScaled, 9);
    expect(after.notLegitScaled).toBeCloseTo(before.notLegitScaled, 9);
  });

  test("a suspended member cannot vote, and their earlier votes stop counting at once", async () => {
    const claim = await ensureNumberClaim("+61491570123");
    const voter = await member();
    await castVote(voter, { claimId: claim.id, legitimate: true });
    expect((await getClaimLegitimacy([claim.id])).get(claim.id)!.legitWeight).toBeGreaterThan(0.9);
    const moderator = await member({ role: "MODERATOR" });
    await suspendMember(moderator, voter.id, "Vote test");
    const suspended = { ...voter, suspendedAt: new Date() };
    await expect(castVote(suspended, { claimId: claim.id, legitimate: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(withdrawVote(suspended, { claimId: claim.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getClaimLegitimacy([claim.id])).get(claim.id)!.legitWeight).toBe(0);
    expect(await db.vote.findFirst({ where: { claimId: claim.id }, select: { legitimate: true } })).toEqual({ legitimate: true });
  });

  test("200 votes a day per account, then RATE_LIMITED; the address limit applies across accounts", async () => {
    const voter = await member();
    const claims = await Promise.all(Array.from({ length: 4 }, (_, i) => ensureNumberClaim(`+6149157013${i}`)));
    for (let i = 0; i < 200; i++) await castVote(voter, { claimId: claims[i % 4].id, legitimate: i % 2 === 0 });
    const error = await castVote(voter, { claimId: claims[0].id, legitimate: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
    expect((error as AppError).message).toMatch(/Try again in/);

    const address = `10.0.0.${randomBytes(1)[0]}`;
    const others = await Promise.all(Array.from({ length: 2 }, () => member()));
    for (let i = 0; i < 200; i++) await castVote(others[i % 2], { claimId: claims[i % 4].id, legitimate: i % 3 === 0 }, { address });
    await expect(castVote(others[0], { claimId: claims[1].id, legitimate: true }, { address })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  }, 120_000);
});

test("a claim id holding a NUL byte is INVALID, not a database error", async () => {
  const voter = await db.user.create({
    data: { email: `nul-${randomBytes(4).toString("hex")}@example.com`, name: "Nul Voter", emailVerified: new Date(), createdAt: new Date(Date.now() - 40 * 86_400_000) },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
  await expect(withdrawVote(voter, { claimId: "abc\u0000" })).rejects.toMatchObject({ code: "INVALID" });
  await expect(castVote(voter, { claimId: "abc\u0000", legitimate: true })).rejects.toMatchObject({ code: "INVALID" });
});

test("a vote by number alone goes to its organisation-less claim, and is refused where callers named an organisation (one vote panel per number)", async () => {
  const voter = await db.user.create({ data: { email: `v-${Date.now()}@example.com`, name: "Voter", emailVerified: new Date() }, select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true } });
  const org = await db.organisation.create({ data: { slug: `named-${Date.now()}`, name: "Named Org", category: "BANK" }, select: { id: true } });
  await db.phoneNumber.create({ data: { e164: "+61491570177", country: "AU", type: "MOBILE" } });
  await db.claim.create({ data: { e164: "+61491570177", organisationId: org.id, organisationKey: org.id } });
  await expect(castVote(voter, { e164: "+61491570177", legitimate: true })).rejects.toMatchObject({ code: "CONFLICT" });
  expect(await db.claim.count({ where: { e164: "+61491570177" } })).toBe(1);
  expect(await db.vote.count({ where: { userId: voter.id } })).toBe(0);
});
