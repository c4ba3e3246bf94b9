import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { recountAll } from "../numbers/counters";
import { revokeRegistryEntry } from "../registry/promote";
import { db } from "../platform/db";
import type { Role } from "../generated/prisma/enums";
import { createReport } from "../reports/report";
import { createComment } from "../comments/comment";
import { getOrganisationScorecard, listSafeCalling } from "../organisations/scorecard-data";
import { alertOrganisationAboutReport, flushOrganisationAlerts } from "./alerts";
import { checkCall, createApiKey, recordCall, recordCallWithApiKey, revokeApiKey } from "./calls";
import { savePolicy } from "./policy";
import { listUnpublishedClaimedNumbers, publishNumbers, retireDueNumbers } from "./publish";
import { approveRepresentation, confirmRepresentation, requestRepresentation, revokeRepresentation } from "./representation";
import { hideStatement, postStatement } from "./statements";

const suffix = () => randomBytes(4).toString("hex");
let numberSeq = 0;
/** A fresh AU fictional mobile per call (0491 570 xxx is reserved for fiction). */
const freshNumber = () => `+61491570${String(100 + numberSeq++)}`;

async function user(role: Role = "USER"): Promise<Actor> {
  return db.user.create({
    data: { email: `rep-${suffix()}@example.com`, name: `User ${suffix()}`, role, emailVerified: new Date(Date.now() - 40 * 86_400_000), createdAt: new Date(Date.now() - 40 * 86_400_000) },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

async function organisation(options: { domain?: string } = {}) {
  const s = suffix();
  const domain = options.domain ?? `org-${s}.example`;
  return db.organisation.create({ data: { slug: `org-${s}`, name: `Org ${s}`, category: "INSURER", country: "AU", domains: [domain], searchText: `org ${s}` }, select: { id: true, slug: true, name: true, domains: true } });
}

async function representative(organisationId: string): Promise<Actor> {
  const actor = await user();
  await db.organisationRepresentative.create({ data: { userId: actor.id, organisationId, email: actor.email, status: "ACTIVE", method: "MODERATOR", confirmedAt: new Date() } });
  return actor;
}

const reportInput = (number: string, organisationId: string) => ({ number, occurredAt: "", channel: "CALL", category: "IMPERSONATION", askedFor: [], organisationId, idempotencyKey: `k${suffix()}` });
const latestMail = (to: string) => db.outboxEmail.findFirst({ where: { to }, orderBy: { createdAt: "desc" }, select: { subject: true, text: true } });
const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: { code?: string }) => error.code ?? String(error));

async function expectCountersMatchRows() {
  const read = () => db.organisation.findMany({ orderBy: { id: "asc" }, select: { id: true, verifiedNumberCount: true, reportCount: true } });
  const live = await read();
  await recountAll(db);
  expect(await read()).toEqual(live);
}

describe("becoming a representative", () => {
  test("a member confirms through a link sent to an address at the organisation's domain; each step is audited", async () => {
    const org = await organisation();
    const member = await user();
    await expect(requestRepresentation(member, { organisationId: org.id, email: "someone@gmail.example" })).rejects.toMatchObject({ code: "INVALID" });
    expect(await db.organisationRepresentative.count({ where: { organisationId: org.id } })).toBe(0);

    const work = `jo@claims.${org.domains[0]}`;
    expect(await requestRepresentation(member, { organisationId: org.id, email: work })).toEqual({ status: "EMAIL_SENT" });
    const mail = await latestMail(work);
    expect(mail?.subject).toBe(`Confirm you represent ${org.name} on CallerCheck`);
    const token = /token=([\w-]+)/.exec(mail!.text)![1];
    expect(await db.organisationRepresentative.findFirst({ where: { organisationId: org.id }, select: { status: true } })).toEqual({ status: "PENDING" });

    expect(await confirmRepresentation(token)).toEqual({ slug: org.slug, name: org.name });
    expect(await confirmRepresentation(token)).toBeNull();
    expect(await confirmRepresentation("forged")).toBeNull();
    const rep = await db.organisationRepresentative.findFirstOrThrow({ where: { organisationId: org.id }, select: { id: true, status: true, email: true } });
    expect(rep).toMatchObject({ status: "ACTIVE", email: work });
    const actions = await db.auditEntry.findMany({ where: { targetId: rep.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(actions).toEqual([
      { action: "representative.request", actorId: member.id },
      { action: "representative.confirm", actorId: member.id },
    ]);
  });

  test("a moderator approves a request with evidence, and revokes; members cannot", async () => {
    const org = await organisation();
    const [member, other, moderator] = [await user(), await user(), await user("MODERATOR")];
    expect(await requestRepresentation(member, { organisationId: org.id, evidence: "I run the contact centre; call 1800 160 401 and ask for Jo." })).toEqual({ status: "AWAITING_MODERATOR" });
    const rep = await db.organisationRepresentative.findFirstOrThrow({ where: { organisationId: org.id }, select: { id: true } });
    for (const actor of [null, member, other]) {
      expect(await codeOf(approveRepresentation(actor, { representativeId: rep.id, evidence: "looks fine" }))).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
      expect(await codeOf(revokeRepresentation(actor, rep.id, "no reason"))).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    }
    expect(await codeOf(approveRepresentation(moderator, { representativeId: rep.id, evidence: "" }))).toBe("INVALID");
    await approveRepresentation(moderator, { representativeId: rep.id, evidence: "Called the official number; HR confirmed Jo works there." });
    expect(await codeOf(savePolicy(member, { organisationId: org.id, policyAsksSecurityAnswers: "no" }))).toBe("OK");
    await revokeRepresentation(moderator, rep.id, "Left the company");
    expect(await codeOf(savePolicy(member, { organisationId: org.id, policyAsksSecurityAnswers: "yes" }))).toBe("FORBIDDEN");
    const actions = await db.auditEntry.findMany({ where: { targetId: rep.id }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["representative.request", "representative.approve", "representative.revoke"]);
  });
});

describe("authorisation of every organisation action", () => {
  test("visitor, member and another organisation's representative are refused and change nothing; the representative and a moderator may", async () => {
    const org = await organisation();
    const otherOrg = await organisation();
    const rep = await representative(org.id);
    const otherRep = await representative(otherOrg.id);
    const member = await user();
    const moderator = await user("MODERATOR");
    const claimed = freshNumber();
    await createReport(member, reportInput(claimed, org.id), { address: `test-${suffix()}` });
    const key = await createApiKey(rep, { organisationId: org.id, name: "dialler" });

    const attempts = (actor: Actor | null) => ({
      publish: () => publishNumbers(actor, { organisationId: org.id, numbers: freshNumber() }),
      policy: () => savePolicy(actor, { organisationId: org.id, policyAsksPassword: "no" }),
      statement: () => postStatement(actor, { organisationId: org.id, e164: claimed, body: "This is not us; we never call from mobiles." }),
      recordCall: () => recordCall(actor, { organisationId: org.id, from: "02 7010 1234" }),
      createKey: () => createApiKey(actor, { organisationId: org.id, name: "another" }),
      revokeKey: () => revokeApiKey(actor, { organisationId: org.id, keyId: key.id }),
    });
    const snapshot = () =>
      Promise.all([
        db.claim.count({ where: { organisationId: org.id, status: "VERIFIED" } }),
        db.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { policyAsksPassword: true, verifiedNumberCount: true } }),
        db.organisationStatement.count({ where: { organisationId: org.id } }),
        db.recordedCall.count({ where: { organisationId: org.id } }),
        db.organisationApiKey.count({ where: { organisationId: org.id, revokedAt: null } }),
      ]);
    const before = await snapshot();
    for (const [actor, expected] of [[null, "UNAUTHENTICATED"], [member, "FORBIDDEN"], [otherRep, "FORBIDDEN"]] as const) {
      for (const [name, run] of Object.entries(attempts(actor))) expect([name, await codeOf(run())]).toEqual([name, expected]);
    }
    expect(await snapshot()).toEqual(before);
    // Another organisation's key cannot record calls for this one.
    const otherKey = await createApiKey(otherRep, { organisationId: otherOrg.id, name: "theirs" });
    expect(await codeOf(recordCallWithApiKey(otherKey.key, org.slug, { from: "02 7010 1234" }))).toBe("FORBIDDEN");
    expect(await codeOf(recordCallWithApiKey("cck_wrong", org.slug, { from: "02 7010 1234" }))).toBe("UNAUTHENTICATED");

    for (const actor of [rep, moderator]) {
      const run = attempts(actor);
      for (const name of ["publish", "policy", "statement", "recordCall", "createKey"] as const) expect([name, await codeOf(run[name]())]).toEqual([name, "OK"]);
    }
    expect(await codeOf(attempts(moderator).revokeKey())).toBe("OK");
    // Hiding a statement is a moderator's alone.
    const statement = await db.organisationStatement.findFirstOrThrow({ where: { organisationId: org.id }, select: { id: true } });
    for (const actor of [null, member, otherRep, rep]) expect(await codeOf(hideStatement(actor, statement.id, "Off topic"))).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    expect(await codeOf(hideStatement(moderator, statement.id, "Off topic"))).toBe("OK");
    expect(await codeOf(postStatement(rep, { organisationId: org.id, e164: claimed, body: "Trying to edit a hidden statement." }))).toBe("FORBIDDEN");
    await expectCountersMatchRows();
  });
});

describe("published numbers", () => {
  test("a pasted list is normalised; one bad line refuses the whole list; published numbers are verified, counted and audited", async () => {
    const org = await organisation();
    const rep = await representative(org.id);
    const [a, b] = [freshNumber(), freshNumber()];
    const bad = publishNumbers(rep, { organisationId: org.id, numbers: `${a}\nnot a number\n12` });
    await expect(bad).rejects.toMatchObject({ code: "INVALID", fieldErrors: { numbers: [expect.stringMatching(/^Line 2/), expect.stringMatching(/^Line 3/)] } });
    expect(await db.claim.count({ where: { organisationId: org.id } })).toBe(0);

    const national = `0${b.slice(3, 6)} ${b.slice(6, 9)} ${b.slice(9)}`;
    const done = await publishNumbers(rep, { organisationId: org.id, numbers: `${a}\n${national}\n${a}`, label: "claims team" });
    expect(done).toEqual({ published: [a, b], updated: [] });
    const claims = await db.claim.findMany({ where: { organisationId: org.id }, orderBy: { e164: "asc" }, select: { e164: true, status: true, evidenceMethod: true, label: true, source: true } });
    expect(claims).toEqual([a, b].sort().map((e164) => ({ e164, status: "VERIFIED", evidenceMethod: "PUBLISHED_BY_ORGANISATION", label: "claims team", source: "REPRESENTATIVE" })));
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { verifiedNumberCount: true } })).verifiedNumberCount).toBe(2);
    expect(await db.auditEntry.count({ where: { actorId: rep.id, action: "representative.publish" } })).toBe(2);
    // Both are on the allow-list feed (and so the private lookup) at once, and watchers of the organisation are told.
    expect(await db.listedNumber.findMany({ where: { e164: { in: [a, b] } }, orderBy: { e164: "asc" }, select: { e164: true, allowed: true, organisationIds: true } })).toEqual(
      [a, b].sort().map((e164) => ({ e164, allowed: true, organisationIds: [org.id] })),
    );
    const events = await db.alertEvent.findMany({ where: { kind: "NUMBER_PUBLISHED", organisationId: org.id }, select: { data: true, actorId: true } });
    expect(events.map((event) => ({ e164: (event.data as { e164?: string }).e164, actorId: event.actorId })).sort((x, y) => String(x.e164).localeCompare(String(y.e164)))).toEqual(
      [a, b].sort().map((e164) => ({ e164, actorId: rep.id })),
    );
    // Publishing again only updates the label; a moderator can still revoke.
    expect(await publishNumbers(rep, { organisationId: org.id, numbers: a, label: "renewals" })).toEqual({ published: [], updated: [a] });
    const moderator = await user("MODERATOR");
    const claimA = await db.claim.findFirstOrThrow({ where: { organisationId: org.id, e164: a }, select: { id: true } });
    await revokeRegistryEntry(moderator, claimA.id, "Not theirs after all");
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { verifiedNumberCount: true } })).verifiedNumberCount).toBe(1);
    await expectCountersMatchRows();
  });

  test("a retired number leaves the registry on its date and says so", async () => {
    const org = await organisation();
    const rep = await representative(org.id);
    const n = freshNumber();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await expect(publishNumbers(rep, { organisationId: org.id, numbers: n, retiresAt: "2020-01-01" })).rejects.toMatchObject({ code: "INVALID" });
    await publishNumbers(rep, { organisationId: org.id, numbers: n, retiresAt: tomorrow });
    await retireDueNumbers(new Date());
    expect(await db.claim.findFirstOrThrow({ where: { organisationId: org.id }, select: { status: true } })).toEqual({ status: "VERIFIED" });
    expect(await retireDueNumbers(new Date(Date.now() + 2 * 86_400_000))).toBeGreaterThanOrEqual(1);
    const claim = await db.claim.findFirstOrThrow({ where: { organisationId: org.id }, select: { status: true, statusReason: true } });
    expect(claim).toEqual({ status: "REVOKED", statusReason: `Retired by ${org.name} on ${tomorrow}` });
    // Off the allow-list feed on its date, and watchers are told it left the registry.
    expect(await db.listedNumber.findUnique({ where: { e164: n }, select: { allowed: true } })).toEqual({ allowed: false });
    expect(await db.alertEvent.count({ where: { kind: "REGISTRY_REMOVED", e164: n } })).toBe(1);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { verifiedNumberCount: true } })).verifiedNumberCount).toBe(0);
    await expectCountersMatchRows();
  });

  test("the console lists numbers reported as claiming the organisation that it has not published", async () => {
    const org = await organisation();
    const rep = await representative(org.id);
    const member = await user();
    const [fake, real] = [freshNumber(), freshNumber()];
    for (const number of [fake, real]) {
      await createReport(member, reportInput(number, org.id), { address: `test-${suffix()}` });
    }
    await publishNumbers(rep, { organisationId: org.id, numbers: real });
    expect((await listUnpublishedClaimedNumbers(org.id)).map((c) => c.e164)).toEqual([fake]);
  });
});

describe("did we just call you?", () => {
  test("a reference verifies once, not twice, not after expiry, and not for another organisation; only its hash is stored", async () => {
    const org = await organisation();
    const other = await organisation();
    const rep = await representative(org.id);
    const address = `addr-${suffix()}`;
    const call = await recordCall(rep, { organisationId: org.id, from: "(02) 7010 1234" });
    expect(call.reference).toMatch(/^[A-Z2-9]{6}$/);
    expect(await db.recordedCall.count({ where: { referenceHash: { contains: call.reference } } })).toBe(0);
    expect(await checkCall({ organisationId: other.id, reference: call.reference }, { address })).toEqual({ called: false });
    const first = await checkCall({ organisationId: org.id, reference: call.reference.toLowerCase().replace(/(...)/, "$1 ") }, { address });
    expect(first).toMatchObject({ called: true, from: "+61270101234" });
    expect(await checkCall({ organisationId: org.id, reference: call.reference }, { address })).toEqual({ called: false });

    const later = await recordCall(rep, { organisationId: org.id, from: "(02) 7010 1234" });
    expect(await checkCall({ organisationId: org.id, reference: later.reference }, { address, now: new Date(Date.now() + 61 * 60_000) })).toEqual({ called: false });
    await expect(checkCall({ organisationId: org.id, reference: "!!" }, { address })).rejects.toMatchObject({ code: "INVALID" });
  });

  test("guessing is rate-limited per address", async () => {
    const org = await organisation();
    const address = `addr-${suffix()}`;
    const results: string[] = [];
    for (let i = 0; i < 12; i++) results.push(await codeOf(checkCall({ organisationId: org.id, reference: `GUESS${i}` }, { address })));
    expect(results.slice(0, 10).every((r) => r === "OK")).toBe(true);
    expect(results.slice(10)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
  });

  test("an organisation-scoped API key records calls; a revoked key does not", async () => {
    const org = await organisation();
    const rep = await representative(org.id);
    const { id, key } = await createApiKey(rep, { organisationId: org.id, name: "dialler" });
    const call = await recordCallWithApiKey(key, org.slug, { from: "+61270101234" });
    expect(await checkCall({ organisationId: org.id, reference: call.reference }, { address: `addr-${suffix()}` })).toMatchObject({ called: true, from: "+61270101234" });
    await expect(recordCallWithApiKey(key, org.slug, { from: "nope" })).rejects.toMatchObject({ code: "INVALID" });
    await revokeApiKey(rep, { organisationId: org.id, keyId: id });
    await expect(recordCallWithApiKey(key, org.slug, { from: "+61270101234" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("alerts for organisations", () => {
  test("a report claiming the organisation from an unpublished number e-mails its representatives, at most once an hour", async () => {
    const org = await organisation();
    const rep = await representative(org.id);
    const member = await user();
    const published = freshNumber();
    await publishNumbers(rep, { organisationId: org.id, numbers: published });
    const report = (number: string) =>
      createReport(member, reportInput(number, org.id), { address: `test-${suffix()}` });
    const mails = () => db.outboxEmail.findMany({ where: { to: rep.email }, orderBy: { createdAt: "asc" }, select: { subject: true, text: true } });

    await report(published);
    expect(await mails()).toEqual([]);
    const [first, second] = [freshNumber(), freshNumber()];
    await report(first);
    await report(second);
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toBe(`CallerCheck: unpublished numbers claiming to be ${org.name}`);
    expect(sent[0].text).toContain(`/numbers/${encodeURIComponent(first)}`);
    expect(sent[0].text).not.toContain(encodeURIComponent(second));
    // The second number waits for the next hour's e-mail.
    expect(await flushOrganisationAlerts(org.id, new Date(Date.now() + 30 * 60_000))).toBe(false);
    expect(await flushOrganisationAlerts(org.id, new Date(Date.now() + 61 * 60_000))).toBe(true);
    const next = await mails();
    expect(next).toHaveLength(2);
    expect(next[1].text).toContain(encodeURIComponent(second));
    // Nothing queued for an organisation without representatives.
    const lonely = await organisation();
    await alertOrganisationAboutReport({ id: "r", e164: first, duplicate: false, organisation: { id: lonely.id, status: "ACTIVE" } });
    expect(await db.organisationAlert.count({ where: { organisationId: lonely.id } })).toBe(0);
  });
});

describe("a calling policy saved in the console", () => {
  test("tells the organisation's watchers which answers changed; saving the same answers again tells nobody", async () => {
    const org = await organisation();
    const rep = await representative(org.id);
    await savePolicy(rep, { organisationId: org.id, policyAsksSecurityAnswers: "no", policyVerifyReference: "yes" });
    const changed = async () =>
      (await db.alertEvent.findMany({ where: { kind: "POLICY_CHANGED", organisationId: org.id }, orderBy: { createdAt: "asc" }, select: { data: true, actorId: true } })).map((event) => ({
        fields: [...((event.data as { fields?: string[] }).fields ?? [])].sort(),
        actorId: event.actorId,
      }));
    expect(await changed()).toEqual([{ fields: ["policyAsksSecurityAnswers", "policyVerifyReference"], actorId: rep.id }]);
    await savePolicy(rep, { organisationId: org.id, policyAsksSecurityAnswers: "no", policyVerifyReference: "yes" });
    expect(await changed()).toHaveLength(1);
    await savePolicy(rep, { organisationId: org.id, policyAsksSecurityAnswers: "no" });
    expect((await changed())[1]).toEqual({ fields: ["policyVerifyReference"], actorId: rep.id });
  });
});

describe("safe-calling scorecard from the database", () => {
  test("unsafe-practice reports and sensitive asks on verified numbers cost points; the ranking filters and orders", async () => {
    const safe = await organisation();
    const unsafe = await organisation();
    const moderator = await user("MODERATOR");
    const member = await user();
    const policy = { policyListedNumbersOnly: "yes", policyVoicemailNamesListed: "yes", policyAsksPassword: "no", policyAsksSecurityAnswers: "no", policyAsksOneTimeCode: "no", policyAsksCardDetails: "no", policyVerifyCallBack: "yes", policyUrl: "https://example.org/calling" } as const;
    for (const org of [safe, unsafe]) await savePolicy(moderator, { organisationId: org.id, ...policy });
    const verified = freshNumber();
    await publishNumbers(moderator, { organisationId: unsafe.id, numbers: verified });
    const report = (number: string, category: string, askedFor: string[]) =>
      createReport(member, { ...reportInput(number, unsafe.id), category, askedFor }, { address: `test-${suffix()}` });
    await report(freshNumber(), "LEGITIMATE_UNSAFE", ["SECURITY_ANSWERS"]);
    await report(verified, "LEGITIMATE", ["ONE_TIME_CODE"]);
    await report(verified, "LEGITIMATE", ["POLICY_OR_ACCOUNT_NUMBER"]);

    expect(await getOrganisationScorecard(safe.id)).toMatchObject({ card: { graded: true, score: 100, grade: "A" } });
    // −5 for the unsafe-practice report, −5 for the one-time code asked from its verified number.
    expect(await getOrganisationScorecard(unsafe.id)).toMatchObject({ card: { graded: true, score: 90 }, reported: { unsafeReports: 1, sensitiveAsksOnVerified: 1 } });

    const ranking = await listSafeCalling({ category: "INSURER", country: "AU" });
    const slugs = ranking.rows.map((row) => row.slug);
    expect(slugs.indexOf(safe.slug)).toBeGreaterThanOrEqual(0);
    expect(slugs.indexOf(safe.slug)).toBeLessThan(slugs.indexOf(unsafe.slug));
    expect((await listSafeCalling({ category: "BANK" })).rows.map((row) => row.slug)).not.toContain(safe.slug);
    expect(ranking.rows.map((row) => row.rank)).toEqual(ranking.rows.map((_, i) => i + 1));
  });
});

describe("replies as the organisation", () => {
  test("only its representatives, only replies, only on numbers that claim it", async () => {
    const org = await organisation();
    const rep = await representative(org.id);
    const otherRep = await representative((await organisation()).id);
    const member = await user();
    const claimed = freshNumber();
    await createReport(member, reportInput(claimed, org.id), { address: `test-${suffix()}` });
    const top = await createComment(member, { e164: claimed, body: "Is this really them? They asked for my policy number." }, { address: `c-${suffix()}` });
    const reply = { e164: claimed, body: "This is not us: we never call from mobiles.", parentId: top.id, onBehalfOfOrganisationId: org.id };
    expect(await codeOf(createComment(member, reply, { address: `c-${suffix()}` }))).toBe("FORBIDDEN");
    expect(await codeOf(createComment(otherRep, reply, { address: `c-${suffix()}` }))).toBe("FORBIDDEN");
    expect(await codeOf(createComment(rep, { ...reply, parentId: undefined }, { address: `c-${suffix()}` }))).toBe("INVALID");
    const unclaimed = freshNumber();
    const elsewhere = await createComment(member, { e164: unclaimed, body: "Another number, nothing to do with them." }, { address: `c-${suffix()}` });
    expect(await codeOf(createComment(rep, { ...reply, e164: unclaimed, parentId: elsewhere.id }, { address: `c-${suffix()}` }))).toBe("INVALID");
    const posted = await createComment(rep, reply, { address: `c-${suffix()}` });
    expect(await db.comment.findUniqueOrThrow({ where: { id: posted.id }, select: { onBehalfOfOrganisationId: true, parentId: true } })).toEqual({ onBehalfOfOrganisationId: org.id, parentId: top.id });
  });
});
