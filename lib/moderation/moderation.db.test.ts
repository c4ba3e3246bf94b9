import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { changeRole, suspendMember, unsuspendMember } from "../accounts/admin";
import { listAudit } from "../platform/audit";
import type { Actor } from "../accounts/authz";
import { recountAll } from "../numbers/counters";
import { db } from "../platform/db";
import { AppError } from "../platform/errors";
import type { Role } from "../generated/prisma/enums";
import { resolveAlert, resolveFlags } from "./queues";
import { activateOrganisation, mergeOrganisation, updateOrganisation } from "../organisations/admin";
import { contentVisibility } from "../trust/privacy";
import { listPromotionCandidates } from "../registry/candidates";
import { addRegistryEntry, promoteClaim, rejectClaim, rejectNumber, revokeRegistryEntry } from "../registry/promote";
import { listRegistry, registryFeed } from "../registry/feed";
import { approveRemoval, createRemovalRequest, rejectRemoval } from "./removals";

const DAY = 86_400_000;
const uid = () => randomBytes(5).toString("hex");
let numberSeq = 0;
/** A unique valid AU mobile per call (each test file has its own database). */
const freshE164 = () => `+61412${String(++numberSeq * 13 + 100_000).padStart(6, "0")}`;

async function makeUser(role: Role = "USER", options: { suspended?: boolean; ageDays?: number } = {}): Promise<Actor> {
  const created = new Date(Date.now() - (options.ageDays ?? 60) * DAY);
  const user = await db.user.create({
    data: { email: `${uid()}@example.com`, name: `User ${uid()}`, role, emailVerified: created, createdAt: created, suspendedAt: options.suspended ? new Date() : null },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
  return user;
}

async function makeOrg(status: "ACTIVE" | "PROPOSED" = "ACTIVE", name = `Org ${uid()}`) {
  return db.organisation.create({ data: { name, slug: `org-${uid()}`, status, searchText: name.toLowerCase(), country: "AU", category: "BANK" }, select: { id: true, name: true, slug: true } });
}

async function makeNumber(e164 = freshE164()) {
  await db.phoneNumber.create({ data: { e164, country: "AU", type: "MOBILE" } });
  return e164;
}

async function makeClaim(organisationId: string, status: "UNVERIFIED" | "VERIFIED" = "UNVERIFIED") {
  const e164 = await makeNumber();
  const claim = await db.claim.create({
    data: { e164, organisationId, organisationKey: organisationId, status, ...(status === "VERIFIED" ? { verifiedAt: new Date(), statusChangedAt: new Date(), evidenceMethod: "OFFICIAL_WEBSITE", evidenceSource: "seed" } : {}) },
    select: { id: true, e164: true },
  });
  if (status === "VERIFIED") await db.organisation.update({ where: { id: organisationId }, data: { verifiedNumberCount: { increment: 1 } } });
  return claim;
}

async function makeReport(e164: string, reporterId: string, extra: { organisationId?: string; claimId?: string } = {}) {
  const report = await db.report.create({ data: { e164, reporterId, category: "SCAM", occurredAt: new Date(), body: "They asked for my PIN.", ...extra }, select: { id: true } });
  await recountAll(db);
  return report;
}

const evidence = { method: "OFFICIAL_WEBSITE" as const, source: "https://example.org/contact" };

let visitor: null;
let member: Actor;
let suspended: Actor;
let moderator: Actor;
let admin: Actor;

beforeAll(async () => {
  visitor = null;
  member = await makeUser("USER");
  suspended = await makeUser("USER", { suspended: true });
  moderator = await makeUser("MODERATOR");
  admin = await makeUser("ADMIN");
});

type Case = {
  name: string;
  /** Sets up a fresh target; returns the action to try and the audited target id. */
  setup: () => Promise<{ run: (actor: Actor | null) => Promise<unknown>; targetId: string }>;
  allowed: ("moderator" | "admin")[];
};

const STAFF: Case["allowed"] = ["moderator", "admin"];

const cases: Case[] = [
  {
    name: "promoteClaim",
    allowed: STAFF,
    setup: async () => {
      const org = await makeOrg();
      const claim = await makeClaim(org.id);
      return { targetId: claim.id, run: (actor) => promoteClaim(actor, claim.id, evidence) };
    },
  },
  {
    name: "addRegistryEntry",
    allowed: STAFF,
    setup: async () => {
      const org = await makeOrg();
      const number = freshE164();
      return {
        targetId: `${number}|${org.id}`,
        run: (actor) => addRegistryEntry(actor, { number, organisationId: org.id, evidence }),
      };
    },
  },
  {
    name: "revokeRegistryEntry",
    allowed: STAFF,
    setup: async () => {
      const org = await makeOrg();
      const claim = await makeClaim(org.id, "VERIFIED");
      return { targetId: claim.id, run: (actor) => revokeRegistryEntry(actor, claim.id, "No longer used by them") };
    },
  },
  {
    name: "rejectClaim",
    allowed: STAFF,
    setup: async () => {
      const org = await makeOrg();
      const claim = await makeClaim(org.id);
      return { targetId: claim.id, run: (actor) => rejectClaim(actor, claim.id, "Known impersonation script") };
    },
  },
  {
    name: "rejectNumber",
    allowed: STAFF,
    setup: async () => {
      const org = await makeOrg();
      const number = freshE164();
      return { targetId: `${number}|${org.id}`, run: (actor) => rejectNumber(actor, { number, organisationId: org.id, reason: "Impersonation" }) };
    },
  },
  ...(["hide", "dismiss", "restore"] as const).map<Case>((decision) => ({
    name: `resolveFlags ${decision} (comment)`,
    allowed: STAFF,
    setup: async () => {
      const e164 = await makeNumber();
      const comment = await db.comment.create({ data: { e164, authorId: member.id, body: "abusive", hiddenAt: decision === "restore" ? new Date() : null }, select: { id: true } });
      await db.flag.create({ data: { flaggerId: member.id, commentId: comment.id, reason: "ABUSE" } });
      return { targetId: comment.id, run: (actor) => resolveFlags(actor, { targetType: "comment", targetId: comment.id, decision, reason: "Checked against the rules" }) };
    },
  })),
  {
    name: "resolveFlags hide (report)",
    allowed: STAFF,
    setup: async () => {
      const e164 = await makeNumber();
      const report = await makeReport(e164, member.id);
      await db.flag.create({ data: { flaggerId: moderator.id, reportId: report.id, reason: "PERSONAL_INFORMATION" } });
      return { targetId: report.id, run: (actor) => resolveFlags(actor, { targetType: "report", targetId: report.id, decision: "hide", reason: "Names a private person" }) };
    },
  },
  {
    name: "resolveAlert",
    allowed: STAFF,
    setup: async () => {
      const org = await makeOrg();
      const claim = await makeClaim(org.id);
      const alert = await db.claimAlert.create({ data: { claimId: claim.id, kind: "VOTE_BURST" }, select: { id: true } });
      return { targetId: alert.id, run: (actor) => resolveAlert(actor, alert.id, "Votes look genuine") };
    },
  },
  {
    name: "activateOrganisation",
    allowed: STAFF,
    setup: async () => {
      const org = await makeOrg("PROPOSED");
      return { targetId: org.id, run: (actor) => activateOrganisation(actor, org.id, "Real company") };
    },
  },
  {
    name: "updateOrganisation",
    allowed: STAFF,
    setup: async () => {
      const org = await makeOrg();
      return {
        targetId: org.id,
        run: (actor) =>
          updateOrganisation(actor, org.id, { name: org.name, category: "BANK", country: "AU", officialPhone: "1300 975 707", policyNeverAsks: "Your PIN", reason: "From their website" }),
      };
    },
  },
  {
    name: "mergeOrganisation",
    allowed: STAFF,
    setup: async () => {
      const source = await makeOrg("PROPOSED");
      const target = await makeOrg();
      return { targetId: source.id, run: (actor) => mergeOrganisation(actor, source.id, target.id, "Duplicate") };
    },
  },
  ...([true, false] as const).map<Case>((approve) => ({
    name: approve ? "approveRemoval" : "rejectRemoval",
    allowed: STAFF,
    setup: async () => {
      const e164 = await makeNumber();
      const request = await db.removalRequest.create({ data: { e164, name: "Sam", email: "sam@example.com", reason: "My personal number" }, select: { id: true } });
      return { targetId: request.id, run: (actor) => (approve ? approveRemoval : rejectRemoval)(actor, request.id, "Checked with the owner") };
    },
  })),
  {
    name: "suspendMember",
    allowed: STAFF,
    setup: async () => {
      const user = await makeUser();
      return { targetId: user.id, run: (actor) => suspendMember(actor, user.id, "Spam reports") };
    },
  },
  {
    name: "unsuspendMember",
    allowed: STAFF,
    setup: async () => {
      const user = await makeUser("USER", { suspended: true });
      return { targetId: user.id, run: (actor) => unsuspendMember(actor, user.id, "Appeal accepted") };
    },
  },
  {
    name: "changeRole",
    allowed: ["admin"],
    setup: async () => {
      const user = await makeUser();
      return { targetId: user.id, run: (actor) => changeRole(actor, user.id, "MODERATOR", "Trusted member") };
    },
  },
];

async function auditFor(targetId: string) {
  if (targetId.includes("|")) {
    const [e164, organisationId] = targetId.split("|");
    const claim = await db.claim.findUnique({ where: { e164_organisationKey: { e164, organisationKey: organisationId } }, select: { id: true } });
    if (!claim) return [];
    targetId = claim.id;
  }
  return db.auditEntry.findMany({ where: { targetId } });
}

describe("authorisation matrix: only the intended roles succeed, each success leaves one audit entry", () => {
  const actors = () => ({ visitor, member, suspended, moderator, admin });
  for (const item of cases) {
    for (const who of ["visitor", "member", "suspended", "moderator", "admin"] as const) {
      const allowed = (item.allowed as string[]).includes(who);
      test(`${item.name} as ${who} ${allowed ? "succeeds" : "is refused"}`, async () => {
        const { run, targetId } = await item.setup();
        const actor = actors()[who];
        const outcome = await run(actor).then(
          () => null,
          (error: unknown) => error,
        );
        const entries = await auditFor(targetId);
        if (allowed) {
          expect(outcome).toBeNull();
          expect(entries).toHaveLength(1);
          expect(entries[0].actorId).toBe(actor!.id);
          expect(entries[0].reason?.length).toBeGreaterThan(2);
        } else {
          expect(outcome).toBeInstanceOf(AppError);
          expect((outcome as AppError).code).toBe(who === "visitor" ? "UNAUTHENTICATED" : "FORBIDDEN");
          expect(entries).toHaveLength(0);
        }
      });
    }
  }
});

describe("registry", () => {
  test("promotion is atomic: when the audit entry cannot be written, the claim and counter do not change", async () => {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.reason = 'refuse-this-audit' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
    const org = await makeOrg();
    const claim = await makeClaim(org.id);
    await expect(promoteClaim(moderator, claim.id, { method: "OFFICIAL_WEBSITE", source: "refuse-this-audit" })).rejects.toThrow(/refused for the test/);
    expect((await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("UNVERIFIED");
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id } })).verifiedNumberCount).toBe(0);
    await promoteClaim(moderator, claim.id, evidence);
    const promoted = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(promoted.status).toBe("VERIFIED");
    expect(promoted.verifiedById).toBe(moderator.id);
    expect(promoted.reviewAt!.getTime() - Date.now()).toBeGreaterThan(364 * DAY);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id } })).verifiedNumberCount).toBe(1);
    await expect(promoteClaim(moderator, claim.id, evidence)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  test("two moderators promoting at once: one wins, the counter counts once", async () => {
    const org = await makeOrg();
    const claim = await makeClaim(org.id);
    const results = await Promise.allSettled([promoteClaim(moderator, claim.id, evidence), promoteClaim(admin, claim.id, evidence)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id } })).verifiedNumberCount).toBe(1);
    expect(await db.auditEntry.count({ where: { targetId: claim.id } })).toBe(1);
  });

  test("only claims with an organisation can be promoted", async () => {
    const e164 = await makeNumber();
    const claim = await db.claim.create({ data: { e164, organisationKey: "-" }, select: { id: true } });
    await expect(promoteClaim(moderator, claim.id, evidence)).rejects.toMatchObject({ code: "INVALID" });
  });

  test("evidence is validated: bad method, empty source and past review dates are refused", async () => {
    const org = await makeOrg();
    const claim = await makeClaim(org.id);
    await expect(promoteClaim(moderator, claim.id, { method: "GUESS" as never, source: "x y z" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(promoteClaim(moderator, claim.id, { method: "OFFICIAL_WEBSITE", source: "" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(promoteClaim(moderator, claim.id, { ...evidence, reviewAt: "2001-01-01" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(promoteClaim(moderator, claim.id, { method: "OFFICIAL_WEBSITE", source: "javascript:alert(1)" })).rejects.toMatchObject({ code: "INVALID" });
    // "Published by the organisation" is its representative's to give, never a moderator's.
    await expect(promoteClaim(moderator, claim.id, { method: "PUBLISHED_BY_ORGANISATION" as never, source: "a moderator's note" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(addRegistryEntry(moderator, { number: freshE164(), organisationId: org.id, evidence: { method: "PUBLISHED_BY_ORGANISATION" as never, source: "a moderator's note" } })).rejects.toMatchObject({ code: "INVALID" });
    expect(await db.claim.findUniqueOrThrow({ where: { id: claim.id }, select: { status: true } })).toEqual({ status: "UNVERIFIED" });
  });

  test("a revoked entry leaves the registry and the feed reports the revocation; re-adding brings it back", async () => {
    const org = await makeOrg(undefined, `Revocable ${uid()}`);
    const since = new Date(Date.now() - 1000);
    const { id } = await addRegistryEntry(moderator, { number: freshE164(), organisationId: org.id, evidence });
    expect((await listRegistry({ q: org.name })).map((e) => e.id)).toEqual([id]);
    await revokeRegistryEntry(admin, id, "Number reassigned");
    expect(await listRegistry({ q: org.name })).toHaveLength(0);
    const feed = await registryFeed({ since });
    const entry = feed.entries.find((e) => e.id === id);
    expect(entry?.status).toBe("REVOKED");
    expect(entry?.statusReason).toBe("Number reassigned");
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id } })).verifiedNumberCount).toBe(0);
    const claim = await db.claim.findUniqueOrThrow({ where: { id } });
    await addRegistryEntry(moderator, { number: claim.e164, organisationId: org.id, evidence });
    expect((await listRegistry({ q: org.name })).map((e) => e.id)).toEqual([id]);
    expect(await db.auditEntry.count({ where: { targetId: id } })).toBe(3);
  });

  test("the feed pages with a cursor without skipping or repeating entries", async () => {
    const org = await makeOrg();
    const since = new Date(Date.now() - 1000);
    const ids = new Set<string>();
    for (let i = 0; i < 5; i += 1) ids.add((await addRegistryEntry(moderator, { number: freshE164(), organisationId: org.id, evidence })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await registryFeed({ since, cursor, limit: 2 });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.filter((id) => ids.has(id)).sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(seen.length);
    await expect(registryFeed({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "INVALID" });
    // Year 0000 is a JavaScript date PostgreSQL refuses: a forged cursor is a 400, and such a `since` means "everything".
    await expect(registryFeed({ cursor: Buffer.from("0000-01-01T00:00:00.000Z|abc").toString("base64url") })).rejects.toMatchObject({ code: "INVALID" });
    expect((await registryFeed({ since: new Date("0000-01-01T00:00:00Z"), limit: 500 })).entries.length).toBe((await registryFeed({ limit: 500 })).entries.length);
  });

  test("a rejected claim is marked for the number page and never listed in the registry", async () => {
    const org = await makeOrg();
    const claim = await makeClaim(org.id, "VERIFIED");
    await rejectClaim(moderator, claim.id, "Scammers spoof this number");
    const row = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(row.status).toBe("REJECTED");
    expect(row.statusReason).toBe("Scammers spoof this number");
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id } })).verifiedNumberCount).toBe(0);
    expect((await listRegistry()).some((e) => e.id === claim.id)).toBe(false);
  });

  test("promotion candidates: aged votes from enough trusted members qualify, with the breakdown and reports", async () => {
    const org = await makeOrg();
    const claim = await makeClaim(org.id);
    const fresh = await makeClaim(org.id);
    const voters = await Promise.all(Array.from({ length: 10 }, () => makeUser("USER", { ageDays: 90 })));
    const castAt = new Date(Date.now() - 3 * DAY);
    for (const voter of voters) {
      await db.vote.create({ data: { claimId: claim.id, userId: voter.id, legitimate: true, createdAt: castAt, updatedAt: castAt } });
      await db.vote.create({ data: { claimId: fresh.id, userId: voter.id, legitimate: true } });
    }
    await makeReport(claim.e164, voters[0].id, { organisationId: org.id, claimId: claim.id });
    await recountAll(db);
    const candidates = await listPromotionCandidates();
    const found = candidates.find((c) => c.id === claim.id);
    expect(found?.summary.trustedVoters).toBe(10);
    expect(found?.summary.byLevel.TL1).toEqual({ legit: 10, notLegit: 0 });
    expect(found?.reports).toHaveLength(1);
    expect(candidates.some((c) => c.id === fresh.id)).toBe(false);
  });
});

describe("organisations", () => {
  test("a website that a real URL parser rejects is refused, and nothing changes", async () => {
    const moderator = await makeUser("MODERATOR");
    const org = await makeOrg();
    for (const website of ["https://<script>alert(1)</script>", "http://[::1", "https://%zz", "javascript:alert(1)", "https://"]) {
      await expect(updateOrganisation(moderator, org.id, { name: org.name, category: "BANK", website, reason: "Checking the website" }), website).rejects.toMatchObject({ code: "INVALID" });
    }
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id } })).website).toBeNull();
    await updateOrganisation(moderator, org.id, { name: org.name, category: "BANK", website: "https://Example.org/Contact", reason: "Checking the website" });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id } })).website).toBe("https://example.org/Contact");
  });

  test("merge moves claims and reports, combines a claim on the same number, and keeps counters exact", async () => {
    const source = await makeOrg("PROPOSED", "Quik Parcel");
    const target = await makeOrg("ACTIVE", "Quick Parcel");
    const only = await makeClaim(source.id);
    const shared = await makeNumber();
    const sourceTwin = await db.claim.create({ data: { e164: shared, organisationId: source.id, organisationKey: source.id }, select: { id: true } });
    const targetTwin = await db.claim.create({ data: { e164: shared, organisationId: target.id, organisationKey: target.id }, select: { id: true } });
    const both = await makeUser();
    const one = await makeUser();
    await db.vote.createMany({
      data: [
        { claimId: sourceTwin.id, userId: both.id, legitimate: false },
        { claimId: targetTwin.id, userId: both.id, legitimate: true },
        { claimId: sourceTwin.id, userId: one.id, legitimate: false },
      ],
    });
    const r1 = await makeReport(only.e164, one.id, { organisationId: source.id, claimId: only.id });
    const r2 = await makeReport(shared, both.id, { organisationId: source.id, claimId: sourceTwin.id });
    await recountAll(db);

    await mergeOrganisation(moderator, source.id, target.id, "Same company, misspelt");

    const merged = await db.organisation.findUniqueOrThrow({ where: { id: source.id } });
    expect(merged.status).toBe("MERGED");
    expect(merged.mergedIntoId).toBe(target.id);
    expect(await db.claim.count({ where: { organisationId: source.id } })).toBe(0);
    expect((await db.claim.findUniqueOrThrow({ where: { id: only.id } })).organisationKey).toBe(target.id);
    expect(await db.claim.findUnique({ where: { id: sourceTwin.id } })).toBeNull();
    const votes = await db.vote.findMany({ where: { claimId: targetTwin.id }, orderBy: { userId: "asc" } });
    expect(votes.map((v) => [v.userId, v.legitimate]).sort()).toEqual([[both.id, true], [one.id, false]].sort());
    expect((await db.report.findUniqueOrThrow({ where: { id: r1.id } })).organisationId).toBe(target.id);
    expect((await db.report.findUniqueOrThrow({ where: { id: r2.id } })).claimId).toBe(targetTwin.id);
    const live = await db.claim.findUniqueOrThrow({ where: { id: targetTwin.id } });
    const liveOrg = await db.organisation.findUniqueOrThrow({ where: { id: target.id } });
    expect(liveOrg.aliases).toContain("Quik Parcel");
    await recountAll(db);
    const recounted = await db.claim.findUniqueOrThrow({ where: { id: targetTwin.id } });
    const recountedOrg = await db.organisation.findUniqueOrThrow({ where: { id: target.id } });
    expect([live.legitVotes, live.notLegitVotes, live.reportCount]).toEqual([recounted.legitVotes, recounted.notLegitVotes, recounted.reportCount]);
    expect([liveOrg.reportCount, liveOrg.verifiedNumberCount]).toEqual([recountedOrg.reportCount, recountedOrg.verifiedNumberCount]);
    expect(liveOrg.reportCount).toBe(2);
  });

  test("editing sets the official callback number in E.164 and records what changed", async () => {
    const org = await makeOrg();
    await updateOrganisation(moderator, org.id, { name: org.name, category: "INSURER", country: "AU", officialPhone: "1800 160 401", policyNeverAsks: "Security answers", reason: "Their contact page" });
    const row = await db.organisation.findUniqueOrThrow({ where: { id: org.id } });
    expect(row.officialPhone).toBe("+611800160401");
    expect(row.policyNeverAsks).toBe("Security answers");
    const entry = await db.auditEntry.findFirstOrThrow({ where: { targetId: org.id } });
    expect(entry.after).toMatchObject({ officialPhone: "+611800160401", category: "INSURER" });
    await expect(updateOrganisation(moderator, org.id, { name: org.name, category: "INSURER", officialPhone: "12", reason: "typo" })).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("accounts", () => {
  test("the last admin cannot be demoted or suspended; with a second admin they can", async () => {
    const others = await db.user.findMany({ where: { role: "ADMIN", id: { not: admin.id } }, select: { id: true } });
    for (const other of others) await changeRole(admin, other.id, "USER", "Cleaning up test admins");
    await expect(changeRole(admin, admin.id, "MODERATOR", "Stepping down")).rejects.toMatchObject({ code: "CONFLICT" });
    const second = await makeUser("ADMIN");
    await expect(suspendMember(second, admin.id, "test")).resolves.toBeUndefined();
    await expect(suspendMember({ ...admin, suspendedAt: null }, second.id, "test")).rejects.toMatchObject({ code: "CONFLICT" });
    await unsuspendMember(second, admin.id, "Back again");
    await changeRole(admin, second.id, "USER", "Only needed one");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  test("two admins demoting each other at once leave one admin", async () => {
    const a = await makeUser("ADMIN");
    const others = await db.user.findMany({ where: { role: "ADMIN", id: { notIn: [a.id, admin.id] } }, select: { id: true } });
    for (const other of others) await changeRole(admin, other.id, "USER", "Cleaning up");
    await Promise.allSettled([changeRole(a, admin.id, "USER", "race"), changeRole(admin, a.id, "USER", "race")]);
    expect(await db.user.count({ where: { role: "ADMIN", suspendedAt: null } })).toBe(1);
    const remaining = await db.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true } });
    if (remaining.id !== admin.id) await changeRole({ ...a, id: remaining.id }, admin.id, "ADMIN", "restore for later tests");
  });

  test("a moderator cannot suspend another moderator; an admin can", async () => {
    const other = await makeUser("MODERATOR");
    await expect(suspendMember(moderator, other.id, "Nope")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await suspendMember(admin, other.id, "Misused the queue");
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).suspendedReason).toBe("Misused the queue");
  });
});

describe("removal requests", () => {
  test("anyone may ask; approval hides the number's texts from everyone but staff, with the reason", async () => {
    const e164 = await makeNumber();
    const request = await createRemovalRequest({ e164, name: "Sam Citizen", email: "Sam@Example.com", reason: "This is my own mobile number." }, `addr-${uid()}`);
    const again = await createRemovalRequest({ e164, name: "Sam Citizen", email: "sam@example.com", reason: "This is my own mobile number." }, `addr-${uid()}`);
    expect(again.id).toBe(request.id);
    await approveRemoval(moderator, request.id, "Owner confirmed by e-mail");
    const number = await db.phoneNumber.findUniqueOrThrow({ where: { e164 } });
    expect(number.contentHiddenAt).toBeInstanceOf(Date);
    const visibility = contentVisibility({ reporterCount: 5, hasVerifiedClaim: false, contentHiddenAt: number.contentHiddenAt, contentHiddenReason: number.contentHiddenReason }, null);
    expect(visibility).toMatchObject({ visible: false, reason: "REMOVED" });
    expect(contentVisibility({ reporterCount: 5, hasVerifiedClaim: false, contentHiddenAt: number.contentHiddenAt }, { role: "MODERATOR" }).visible).toBe(true);
    await expect(approveRemoval(moderator, request.id, "twice")).rejects.toMatchObject({ code: "CONFLICT" });
  });

  test("requests are validated and rate-limited per address", async () => {
    const e164 = await makeNumber();
    await expect(createRemovalRequest({ e164, name: "S", email: "bad", reason: "short" }, "addr-x")).rejects.toMatchObject({ code: "INVALID" });
    const address = `addr-${uid()}`;
    for (let i = 0; i < 5; i += 1) await createRemovalRequest({ e164, name: "Sam", email: `s${i}@example.com`, reason: "This is my own number." }, address);
    await expect(createRemovalRequest({ e164, name: "Sam", email: "s9@example.com", reason: "This is my own number." }, address)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});

test("the audit log filters by actor, action and target", async () => {
  const org = await makeOrg();
  const claim = await makeClaim(org.id);
  await rejectClaim(admin, claim.id, "Filter test");
  const byTarget = await listAudit({ target: claim.id });
  expect(byTarget.rows.map((r) => [r.action, r.actor.id, r.reason])).toEqual([["claim.reject", admin.id, "Filter test"]]);
  const byActor = await listAudit({ actor: admin.email, action: "claim.reject" });
  expect(byActor.rows.length).toBeGreaterThan(0);
  expect(byActor.rows.every((r) => r.actor.id === admin.id && r.action === "claim.reject")).toBe(true);
  expect((await listAudit({ actor: moderator.email, target: claim.id })).rows).toHaveLength(0);
  const first = await listAudit({ take: 2 });
  const second = await listAudit({ take: 2, cursor: first.nextCursor! });
  expect(second.rows.map((r) => r.id)).not.toContain(first.rows[0].id);
});

test("the audit log cannot be changed or deleted", async () => {
  const entry = await db.auditEntry.findFirstOrThrow();
  await expect(db.auditEntry.update({ where: { id: entry.id }, data: { reason: "rewritten" } })).rejects.toThrow();
  await expect(db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow();
});

test("a suspended member's votes stop counting at once, in the counts people read as well as the weights, and come back with them", async () => {
  const { castVote } = await import("../votes/vote");
  const org = await makeOrg();
  const claim = await makeClaim(org.id);
  const voter = await makeUser();
  const other = await makeUser();
  await castVote(voter, { claimId: claim.id, legitimate: true });
  await castVote(other, { claimId: claim.id, legitimate: false });
  const counts = async () => db.claim.findUniqueOrThrow({ where: { id: claim.id }, select: { legitVotes: true, notLegitVotes: true, legitScaled: true } });
  expect(await counts()).toMatchObject({ legitVotes: 1, notLegitVotes: 1 });

  await suspendMember(admin, voter.id, "Vote brigading, confirmed");
  const suspended = await counts();
  expect(suspended).toMatchObject({ legitVotes: 0, notLegitVotes: 1, legitScaled: 0 });
  // The kept counts are what a recount from the rows gives.
  await recountAll(db);
  expect(await counts()).toEqual(suspended);

  await unsuspendMember(admin, voter.id, "Appeal accepted");
  expect(await counts()).toMatchObject({ legitVotes: 1, notLegitVotes: 1 });
  const back = await counts();
  await recountAll(db);
  expect(await counts()).toEqual(back);
});
