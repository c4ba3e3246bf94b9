import { randomBytes } from "node:crypto";
import { createChallenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { Challenge } from "altcha-lib/types";
import { describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { recountAll } from "../numbers/counters";
import { getNumberPage } from "../numbers/page";
import { db } from "../platform/db";
import { AppError } from "../platform/errors";
import { addressKey, createProofOfWorkChallenge, isProofOfWorkSpent } from "../platform/proof-of-work";
import { THRESHOLDS } from "../trust/rules";
import { createAnonymousReport, SIGN_IN_TO_PROPOSE } from "./anonymous-report";
import { createReport } from "./report";
import { reportFormInput } from "./test-input";

const key = () => randomBytes(8).toString("hex");
let seq = 0;
/** A fresh address per test: limits and "once per address" are keyed by it. */
const address = () => `203.0.113.${++seq}-${key()}`;
/** A fresh Australian mobile per test (0413 range, unused by the seed). */
const mobile = () => `0413 ${String(100_000 + Math.floor(Math.random() * 899_999))}`;
const e164Of = (national: string) => `+61${national.replace(/\s/g, "").slice(1)}`;

/** What the ALTCHA widget sends: base64 of JSON { challenge, solution }, solved here as a browser would. */
async function solved(challenge?: Challenge): Promise<string> {
  const c = challenge ?? (await createProofOfWorkChallenge());
  const solution = await solveChallenge({ challenge: c, deriveKey });
  if (!solution) throw new Error("could not solve the challenge");
  return Buffer.from(JSON.stringify({ challenge: { parameters: c.parameters, signature: c.signature }, solution })).toString("base64");
}

const flipFirst = (hex: string) => (hex[0] === "0" ? "1" : "0") + hex.slice(1);

const input = (over: Record<string, unknown> = {}) => reportFormInput({ number: "0413 000 000", ...over });

async function member(): Promise<Actor> {
  const createdAt = new Date(Date.now() - 60 * 86_400_000);
  return db.user.create({
    data: { email: `m-${key()}@example.com`, name: `Member ${key()}`, createdAt, emailVerified: createdAt },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

async function counters() {
  return {
    numbers: await db.phoneNumber.findMany({ orderBy: { e164: "asc" }, select: { e164: true, reportCount: true, reporterCount: true, firstReportedAt: true, lastReportedAt: true } }),
    categories: await db.numberCategoryStat.findMany({ orderBy: [{ e164: "asc" }, { category: "asc" }] }),
    reporters: await db.numberReporter.findMany({ orderBy: [{ e164: "asc" }, { userId: "asc" }] }),
    anonymous: await db.numberAnonymousReporter.findMany({ orderBy: [{ e164: "asc" }, { addressKey: "asc" }] }),
    weeks: await db.numberWeekStat.findMany({ orderBy: [{ e164: "asc" }, { weekStart: "asc" }] }),
  };
}

async function expectCountersMatchRows() {
  const live = await counters();
  await recountAll(db);
  expect(await counters()).toEqual(live);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const stat = (e164: string, category: "SCAM" | "LEGITIMATE") =>
  db.numberCategoryStat.findUnique({ where: { e164_category: { e164, category } }, select: { reports: true, reporters: true, anonymousReporters: true } });

describe("createAnonymousReport", () => {
  test("a visitor's report with control characters is refused as a member's is, and nothing is stored", async () => {
    const number = mobile();
    const before = await db.report.count({ where: { e164: e164Of(number) } });
    const error = await refusal(createAnonymousReport(input({ number, body: "Said he was from the bank\u0000\u0007" }), { address: address(), proofOfWork: await solved() }));
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors?.body).toEqual(["Remove the invisible control characters from this field."]);
    // Without the check done as well, both messages come back at once.
    const both = await refusal(createAnonymousReport(input({ number, body: "x\u0001" }), { address: address(), proofOfWork: undefined }));
    expect(both.fieldErrors?.altcha?.length).toBe(1);
    expect(both.fieldErrors?.body).toEqual(["Remove the invisible control characters from this field."]);
    expect(await db.report.count({ where: { e164: e164Of(number) } })).toBe(before);
  });

  test("a visitor's report moves its number's feed listing before the visitor is thanked", async () => {
    const number = mobile();
    const e164 = e164Of(number);
    // Four members' scam reports put the number on the blocklist…
    for (let i = 0; i < 4; i++) await createReport(await member(), input({ number, category: "SCAM" }), { address: address() });
    expect(await db.listedNumber.findUnique({ where: { e164 }, select: { blocked: true } })).toEqual({ blocked: true });
    // …and one visitor saying it is legitimate disputes it (lib/trust/rules.ts): off the blocklist at once.
    await createAnonymousReport(input({ number, category: "LEGITIMATE" }), { address: address(), proofOfWork: await solved() });
    expect(await db.listedNumber.findUnique({ where: { e164 }, select: { blocked: true, verdict: true } })).toEqual({ blocked: false, verdict: "DISPUTED" });
  });

  test("stores a visitor's report with no account and a keyed hash of the address, never the address", async () => {
    const from = address();
    const number = mobile();
    const story = `They said my tax file was frozen ${key()}`;
    const created = await createAnonymousReport(input({ number, body: story }), { address: from, proofOfWork: await solved() });
    expect(created).toMatchObject({ e164: e164Of(number), duplicate: false });

    const row = await db.report.findUniqueOrThrow({ where: { id: created.id }, select: { reporterId: true, source: true, anonymousKey: true, body: true } });
    expect(row).toMatchObject({ reporterId: null, source: "ANONYMOUS", body: story });
    expect(row.anonymousKey).toBe(addressKey(from));
    expect(row.anonymousKey).not.toContain(from);
    const everywhere = JSON.stringify(await db.$queryRawUnsafe(`SELECT * FROM "Report" r JOIN "NumberAnonymousReporter" a ON a.e164 = r.e164 WHERE r.id = $1`, created.id));
    expect(everywhere).not.toContain(from);

    // Counted in the anonymous column only: the member count (and so the privacy gate) is untouched.
    expect(await stat(e164Of(number), "SCAM")).toEqual({ reports: 1, reporters: 0, anonymousReporters: 1 });
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { e164: e164Of(number) }, select: { reportCount: true, reporterCount: true } })).toEqual({ reportCount: 1, reporterCount: 0 });
    await expectCountersMatchRows();
  });

  test("an address counts once per number, under its latest category; another address or number counts again", async () => {
    const from = address();
    const number = mobile();
    const e164 = e164Of(number);
    await createAnonymousReport(input({ number }), { address: from, proofOfWork: await solved() });
    await createAnonymousReport(input({ number }), { address: from, proofOfWork: await solved() });
    expect(await stat(e164, "SCAM")).toEqual({ reports: 2, reporters: 0, anonymousReporters: 1 });

    // The same address changes its mind: it moves, it does not add.
    const later = address();
    await db.rateLimit.deleteMany({ where: { key: { contains: addressKey(from) } } });
    await createAnonymousReport(input({ number, category: "LEGITIMATE" }), { address: from, proofOfWork: await solved() });
    expect(await stat(e164, "SCAM")).toEqual({ reports: 2, reporters: 0, anonymousReporters: 0 });
    expect(await stat(e164, "LEGITIMATE")).toEqual({ reports: 1, reporters: 0, anonymousReporters: 1 });

    await createAnonymousReport(input({ number }), { address: later, proofOfWork: await solved() });
    expect(await stat(e164, "SCAM")).toEqual({ reports: 3, reporters: 0, anonymousReporters: 1 });
    const other = mobile();
    await createAnonymousReport(input({ number: other }), { address: later, proofOfWork: await solved() });
    expect(await stat(e164Of(other), "SCAM")).toEqual({ reports: 1, reporters: 0, anonymousReporters: 1 });
    await expectCountersMatchRows();
  });

  test("weighs like a new member in the verdict, and does not open the privacy gate", async () => {
    const [visitors, members] = [mobile(), mobile()];
    for (let i = 0; i < 2; i++) {
      await createAnonymousReport(input({ number: visitors, body: `Visitor story ${i}` }), { address: address(), proofOfWork: await solved() });
      await createReport(await member(), input({ number: members }), { address: address() });
    }
    const byVisitors = await getNumberPage(e164Of(visitors), null);
    const byMembers = await getNumberPage(e164Of(members), null);
    expect(byMembers.verdict.evidence).toBe(2);
    expect(byVisitors.verdict.evidence).toBeCloseTo(2 * THRESHOLDS.weights.TL0);
    expect(byVisitors.verdict.evidence).toBeLessThan(byMembers.verdict.evidence);
    expect(byVisitors.counts).toMatchObject({ reports: 2, reporters: 0 });
    // Two visitors' texts stay hidden from the public, as one member's would; moderators read them.
    expect(byVisitors.visibility.visible).toBe(false);
    expect(byVisitors.latestReports.every((report) => report.body === null)).toBe(true);
    const moderated = await getNumberPage(e164Of(visitors), { role: "MODERATOR" });
    expect(moderated.latestReports.map((report) => report.body).sort()).toEqual(["Visitor story 0", "Visitor story 1"]);
  });

  test("a solved check is accepted once: a replay, even at the same moment, is refused and stores nothing", async () => {
    const number = mobile();
    const proof = await solved();
    await createAnonymousReport(input({ number }), { address: address(), proofOfWork: proof });

    const replay = await refusal(createAnonymousReport(input({ number }), { address: address(), proofOfWork: proof }));
    expect(replay.code).toBe("INVALID");
    expect(replay.fieldErrors?.altcha?.[0]).toMatch(/already used/);
    expect(await db.report.count({ where: { e164: e164Of(number) } })).toBe(1);

    const racing = await solved();
    const other = mobile();
    const results = await Promise.allSettled([1, 2, 3].map(() => createAnonymousReport(input({ number: other }), { address: address(), proofOfWork: racing })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.report.count({ where: { e164: e164Of(other) } })).toBe(1);
    const nonce = (JSON.parse(Buffer.from(racing, "base64").toString()) as { challenge: { parameters: { nonce: string } } }).challenge.parameters.nonce;
    expect(await isProofOfWorkSpent(nonce)).toBe(true);
  });

  test("the server checks the solution itself: missing, forged, foreign, expired or 'test' payloads are refused", async () => {
    const number = mobile();
    const genuine = JSON.parse(Buffer.from(await solved(), "base64").toString()) as { challenge: Challenge; solution: { counter: number; derivedKey: string } };
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
    const foreign = await createChallenge({ algorithm: "PBKDF2/SHA-256", cost: 10, deriveKey, hmacSignatureSecret: "someone-elses-secret-key", expiresAt: new Date(Date.now() + 60_000) });
    const cases: [string, unknown, RegExp][] = [
      ["missing", undefined, /Complete the check/],
      ["not base64 JSON", "I solved it, honest", /Complete the check/],
      ["the widget's test mode", encode({ challenge: null, solution: null, test: true }), /Complete the check/],
      // The derived key is what proves the work (only solving finds it); one changed digit fails.
      ["a guessed key", encode({ ...genuine, solution: { ...genuine.solution, derivedKey: flipFirst(genuine.solution.derivedKey) } }), /not valid/],
      ["no key at all", encode({ ...genuine, solution: { counter: genuine.solution.counter, derivedKey: "00" } }), /not valid/],
      ["an easier challenge than we signed", encode({ ...genuine, challenge: { ...genuine.challenge, parameters: { ...genuine.challenge.parameters, cost: 1 } } }), /not valid/],
      ["someone else's challenge", await solved(foreign), /not valid/],
      ["an expired challenge", await solved(await createProofOfWorkChallenge(new Date(Date.now() - 31 * 60_000))), /expired/],
    ];
    for (const [label, proofOfWork, message] of cases) {
      const error = await refusal(createAnonymousReport(input({ number }), { address: address(), proofOfWork }));
      expect(error.code, label).toBe("INVALID");
      expect(error.fieldErrors?.altcha?.[0], label).toMatch(message);
    }
    expect(await db.report.count({ where: { e164: e164Of(number) } })).toBe(0);
  });

  test("strict limits per address: the third report in an hour is refused with a clear message; another address is not", async () => {
    const from = address();
    const number = mobile();
    await createAnonymousReport(input({ number }), { address: from, proofOfWork: await solved() });
    await createAnonymousReport(input({ number }), { address: from, proofOfWork: await solved() });
    const error = await refusal(createAnonymousReport(input({ number }), { address: from, proofOfWork: await solved() }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(/two an hour .*Try again in/);
    expect(await db.report.count({ where: { e164: e164Of(number) } })).toBe(2);
    await createAnonymousReport(input({ number }), { address: address(), proofOfWork: await solved() });
    expect(await db.report.count({ where: { e164: e164Of(number) } })).toBe(3);
  });

  test("a resubmitted form stores one report; a visitor cannot propose an organisation", async () => {
    const from = address();
    const once = input({ number: mobile() });
    const first = await createAnonymousReport(once, { address: from, proofOfWork: await solved() });
    const again = await createAnonymousReport(once, { address: from, proofOfWork: await solved() });
    expect(again).toMatchObject({ id: first.id, duplicate: true });

    const organisations = await db.organisation.count();
    const error = await refusal(
      createAnonymousReport(input({ number: mobile(), proposeOrganisation: "1", proposedName: `Junk Org ${key()}` }), { address: address(), proofOfWork: await solved() }),
    );
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors?.proposedName).toEqual([SIGN_IN_TO_PROPOSE]);
    expect(await db.organisation.count()).toBe(organisations);
  });

  test("bad input is refused beside its field before the check is spent", async () => {
    const proof = await solved();
    const error = await refusal(createAnonymousReport(input({ number: "12", category: "" }), { address: address(), proofOfWork: proof }));
    expect(error.fieldErrors?.number?.[0]).toMatch(/too short/);
    expect(error.fieldErrors?.category).toEqual(["Choose what kind of call it was."]);
    // Without the check too: every message comes back at once, the check's among them.
    const both = await refusal(createAnonymousReport(input({ number: "12" }), { address: address(), proofOfWork: undefined }));
    expect(both.fieldErrors?.number?.[0]).toMatch(/too short/);
    expect(both.fieldErrors?.altcha?.[0]).toMatch(/Complete the check/);
    // The same solved check still works once the form is fixed.
    const fixed = await createAnonymousReport(input({ number: mobile() }), { address: address(), proofOfWork: proof });
    expect(fixed.duplicate).toBe(false);
  });
});
