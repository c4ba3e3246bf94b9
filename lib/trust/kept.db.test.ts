import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { changeRole, suspendMember, unsuspendMember } from "../accounts/admin";
import type { Actor } from "../accounts/authz";
import { resolveFlags } from "../moderation/queues";
import { recountAll } from "../numbers/counters";
import { db } from "../platform/db";
import { AppError } from "../platform/errors";
import { createReport, reportWays } from "../reports/report";
import { castVote, withdrawVote } from "../votes/vote";
import { getClaimLegitimacy, getTrustLevels, refreshDueTrustLevels } from "./legitimacy";
import { legitimacy } from "./rules";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const actorSelect = { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true, visibleReportCount: true, trustLevel: true } as const;

async function user(ageMs: number, options: { verified?: boolean; role?: "USER" | "MODERATOR" | "ADMIN" } = {}): Promise<Actor> {
  const createdAt = new Date(Date.now() - ageMs);
  return db.user.create({
    data: {
      email: `kept-${randomBytes(5).toString("hex")}@example.com`,
      name: "Kept",
      role: options.role ?? "USER",
      createdAt,
      emailVerified: options.verified === false ? null : createdAt,
    },
    select: actorSelect,
  });
}

function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const CATEGORIES = ["SCAM", "IMPERSONATION", "LEGITIMATE", "LEGITIMATE_UNSAFE", "TELEMARKETING", "OTHER"];
const ASKED = ["SECURITY_ANSWERS", "ONE_TIME_CODE", "CARD_OR_PAYMENT", "PERSONAL_DETAILS"];

/** Everything kept, in a comparable shape (floats rounded far below any visible difference). */
async function snapshot() {
  const round = (x: number) => Math.round(x * 1e9) / 1e9 + 0; // + 0: -0 and 0 are the same sum
  const [users, votes, claims, categories, asked, weeks, organisations] = await Promise.all([
    db.user.findMany({ select: { id: true, visibleReportCount: true, trustLevel: true, trustLevelCheckAt: true }, orderBy: { id: "asc" } }),
    db.vote.findMany({ select: { id: true, weight: true }, orderBy: { id: "asc" } }),
    db.claim.findMany({ select: { id: true, legitVotes: true, notLegitVotes: true, legitScaled: true, notLegitScaled: true, reportCount: true }, orderBy: { id: "asc" } }),
    db.organisationCategoryStat.findMany({ where: { reports: { gt: 0 } }, orderBy: [{ organisationId: "asc" }, { category: "asc" }] }),
    db.organisationAskedStat.findMany({ where: { reports: { gt: 0 } }, orderBy: [{ organisationId: "asc" }, { askedFor: "asc" }] }),
    db.organisationWeekStat.findMany({ where: { reports: { gt: 0 } }, orderBy: [{ organisationId: "asc" }, { weekStart: "asc" }] }),
    db.organisation.findMany({ select: { id: true, reportCount: true }, orderBy: { id: "asc" } }),
  ]);
  return {
    users,
    votes,
    claims: claims.map((claim) => ({ ...claim, legitScaled: round(claim.legitScaled), notLegitScaled: round(claim.notLegitScaled) })),
    categories,
    asked,
    weeks,
    organisations,
  };
}

test("after a random mix of votes, reports, hides, suspensions and role changes, kept state equals a recount and the pure rules", async () => {
  const rnd = random(20261130);
  const pick = <T,>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const admin = await user(400 * DAY, { role: "ADMIN" });
  const moderator = await user(300 * DAY, { role: "MODERATOR" });
  // Members on both sides of every time rule: new, unconfirmed, basic, long-standing, nearly 30 days.
  let members: Actor[] = await Promise.all([
    ...Array.from({ length: 6 }, () => user(60 * DAY)),
    ...Array.from({ length: 3 }, () => user(2 * HOUR)),
    user(5 * DAY, { verified: false }),
    user(29.9 * DAY),
    user(45 * DAY),
  ]);
  const orgs = await Promise.all(
    ["Kept Bank", "Kept Insurer"].map((name) =>
      db.organisation.create({ data: { name, slug: `kept-${randomBytes(4).toString("hex")}`, searchText: name.toLowerCase() }, select: { id: true } }),
    ),
  );
  const numbers = ["0491 570 151", "0491 570 152", "0491 570 153", "0491 570 154"];
  const reportIds: string[] = [];
  const hidden = new Set<string>();
  const suspended = new Set<string>();
  let done = 0;

  // Reports take one statement when the member's level cannot move, a transaction when it does; an actor
  // read a few steps ago (a session's view gone stale) makes the one statement refuse itself and the
  // transaction take over. All three happen here.
  let earlier: Actor[] = members;
  const ways = { ...reportWays };
  for (let step = 0; step < 260; step++) {
    const fresh = pick(members);
    const actor = step % 4 === 3 ? (earlier.find((m) => m.id === fresh.id) ?? fresh) : fresh;
    const roll = rnd();
    try {
      if (roll < 0.35) {
        const claims = await db.claim.findMany({ select: { id: true } });
        const target = claims.length && rnd() < 0.7 ? { claimId: pick(claims).id } : { e164: `+614915701${51 + Math.floor(rnd() * 4)}` };
        await castVote(actor, { ...target, legitimate: rnd() < 0.5 }, { address: `10.1.${step}.1` });
      } else if (roll < 0.45) {
        const votes = await db.vote.findMany({ where: { userId: actor.id }, select: { claimId: true } });
        if (votes.length) await withdrawVote(actor, { claimId: pick(votes).claimId });
      } else if (roll < 0.75) {
        const report = await createReport(
          actor,
          {
            number: pick(numbers),
            occurredAt: new Date(Date.now() - HOUR - rnd() * 90 * DAY),
            channel: "CALL",
            category: pick(CATEGORIES),
            askedFor: ASKED.filter(() => rnd() < 0.3),
            organisationId: rnd() < 0.7 ? pick(orgs).id : undefined,
            idempotencyKey: randomBytes(8).toString("hex"),
          },
          { address: `10.2.${step}.1` },
        );
        reportIds.push(report.id);
      } else if (roll < 0.85 && reportIds.length) {
        const id = pick(reportIds);
        const decision = hidden.has(id) ? "restore" : "hide";
        await resolveFlags(moderator, { targetType: "report", targetId: id, decision, reason: "Kept-state test" });
        if (decision === "hide") hidden.add(id);
        else hidden.delete(id);
      } else if (roll < 0.95) {
        if (suspended.has(actor.id)) {
          await unsuspendMember(moderator, actor.id, "Kept-state test");
          suspended.delete(actor.id);
        } else {
          await suspendMember(moderator, actor.id, "Kept-state test");
          suspended.add(actor.id);
        }
      } else {
        const current = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { role: true } });
        await changeRole(admin, actor.id, current.role === "USER" ? "MODERATOR" : "USER", "Kept-state test");
      }
      done++;
    } catch (error) {
      // Expected refusals (a suspended member voting, a limit reached) change nothing.
      if (!(error instanceof AppError) || !["FORBIDDEN", "RATE_LIMITED", "CONFLICT"].includes(error.code)) throw error;
    }
    // Commands are handed the actor as the server reads it now (and, every fourth step, as it was read a few steps ago).
    if (step % 8 === 0) earlier = members;
    members = await db.user.findMany({ where: { id: { in: members.map((m) => m.id) } }, select: actorSelect });
  }
  expect(done).toBeGreaterThan(150);
  // Every way a report is filed was taken.
  expect(reportWays.alone - ways.alone).toBeGreaterThan(10);
  expect(reportWays.refusedAlone - ways.refusedAlone).toBeGreaterThan(0);
  expect(reportWays.transaction - ways.transaction).toBeGreaterThan(reportWays.refusedAlone - ways.refusedAlone);
  expect(await db.vote.count()).toBeGreaterThan(10);
  expect(await db.report.count({ where: { hiddenAt: { not: null } } })).toBeGreaterThan(0);
  expect(await db.organisationAskedStat.count()).toBeGreaterThan(0);

  // Level changes that only time brings are swept; then kept must equal recomputed, everywhere.
  await refreshDueTrustLevels(new Date(), 1000);
  const kept = await snapshot();
  await recountAll(db);
  const recounted = await snapshot();
  expect(kept).toEqual(recounted);

  // And the kept legitimacy of every claim equals rules.ts legitimacy() over its vote rows.
  const now = new Date();
  const claims = await db.claim.findMany({ select: { id: true, votes: { select: { userId: true, legitimate: true, updatedAt: true } } } });
  const levels = await getTrustLevels(claims.flatMap((claim) => claim.votes.map((vote) => vote.userId)), now);
  const keptLegitimacy = await getClaimLegitimacy(claims.map((claim) => claim.id), now);
  for (const claim of claims) {
    const expected = legitimacy(claim.votes.map((vote) => ({ legitimate: vote.legitimate, level: levels.get(vote.userId)!, castAt: vote.updatedAt })), now);
    const actual = keptLegitimacy.get(claim.id)!;
    expect(actual.legitWeight).toBeCloseTo(expected.legitWeight, 9);
    expect(actual.notLegitWeight).toBeCloseTo(expected.notLegitWeight, 9);
    expect(actual.legitBound).toBeCloseTo(expected.legitBound, 9);
  }
}, 180_000);

test("a member's fifth visible report makes them a long-standing member and re-weighs their earlier votes at once", async () => {
  const voter = await user(60 * DAY);
  const { claimId } = await castVote(voter, { e164: "+61491570160", legitimate: true });
  expect((await getClaimLegitimacy([claimId])).get(claimId)!.legitWeight).toBeCloseTo(1, 6);
  for (let i = 0; i < 5; i++) {
    await createReport(voter, { number: "0491 570 161", occurredAt: "", channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: randomBytes(8).toString("hex") }, { address: `10.3.${i}.1` });
  }
  expect((await getClaimLegitimacy([claimId])).get(claimId)!.legitWeight).toBeCloseTo(1.5, 6);
  expect(await db.user.findUniqueOrThrow({ where: { id: voter.id }, select: { trustLevel: true, visibleReportCount: true } })).toEqual({ trustLevel: "TL2", visibleReportCount: 5 });
});
