import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { getActorById, type Actor } from "../accounts/authz";
import { recountAll } from "../numbers/counters";
import { db } from "../platform/db";
import { AppError } from "../platform/errors";
import { LIMITS } from "../platform/rate-limit";
import { REPORT_CATEGORY_KEYS } from "../display/labels";
import { createReport, reportWays } from "./report";
import { reportFormInput } from "./test-input";

const DAY = 86_400_000;
const key = () => randomBytes(8).toString("hex");
let userSeq = 0;

async function member(options: { ageDays?: number; suspended?: boolean } = {}): Promise<Actor> {
  const n = ++userSeq;
  const createdAt = new Date(Date.now() - (options.ageDays ?? 30) * DAY);
  return db.user.create({
    // Stored at the level its age gives (as the sweep would have it), so reports take the one-statement way the app takes.
    data: {
      email: `member${n}-${key()}@example.com`,
      name: `Member ${n}`,
      createdAt,
      emailVerified: createdAt,
      suspendedAt: options.suspended ? new Date() : null,
      trustLevel: options.suspended ? "SUSPENDED" : (options.ageDays ?? 30) >= 1 ? "TL1" : "TL0",
    },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true, visibleReportCount: true, trustLevel: true },
  });
}

async function organisation(name: string, extra: { aliases?: string[]; domains?: string[] } = {}) {
  return db.organisation.create({
    data: { name, slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${key()}`, searchText: name.toLowerCase(), ...extra },
    select: { id: true, slug: true },
  });
}

const input = reportFormInput;

const rowCounts = async () => ({
  reports: await db.report.count(),
  numbers: await db.phoneNumber.count(),
  claims: await db.claim.count(),
  organisations: await db.organisation.count(),
});

/** Every denormalised counter a report moves, in a stable order. */
async function counters() {
  return {
    numbers: await db.phoneNumber.findMany({
      orderBy: { e164: "asc" },
      select: { e164: true, reportCount: true, reporterCount: true, firstReportedAt: true, lastReportedAt: true },
    }),
    categories: await db.numberCategoryStat.findMany({ orderBy: [{ e164: "asc" }, { category: "asc" }] }),
    weeks: await db.numberWeekStat.findMany({ orderBy: [{ e164: "asc" }, { weekStart: "asc" }] }),
    reporters: await db.numberReporter.findMany({ orderBy: [{ e164: "asc" }, { userId: "asc" }] }),
    claims: await db.claim.findMany({ orderBy: { id: "asc" }, select: { id: true, reportCount: true } }),
    organisations: await db.organisation.findMany({ orderBy: { id: "asc" }, select: { id: true, reportCount: true } }),
  };
}

async function expectCountersMatchRows() {
  const live = await counters();
  await recountAll(db);
  expect(await counters()).toEqual(live);
  return live;
}

describe("createReport", () => {
  test("a double submission (one after the other, or at the same moment) stores one report", async () => {
    const actor = await member();
    const once = input({ number: "0412 000 001" });
    const first = await createReport(actor, once, { address: "a1" });
    const again = await createReport(actor, once, { address: "a1" });
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    expect(first.duplicate).toBe(false);

    const twice = input({ number: "0412 000 002" });
    const [a, b] = await Promise.all([createReport(actor, twice, { address: "a1" }), createReport(actor, twice, { address: "a1" })]);
    expect(a.id).toBe(b.id);
    expect(await db.report.count({ where: { reporterId: actor.id } })).toBe(2);
    const number = await db.phoneNumber.findUniqueOrThrow({ where: { e164: "+61412000002" } });
    expect(number.reportCount).toBe(1);
    await expectCountersMatchRows();
  });

  test("a resubmitted form costs nothing from the day's limits, and is answered with the stored report even once they are used up", async () => {
    const actor = await member();
    const once = input({ number: "0412 000 003" });
    const first = await createReport(actor, once, { address: "a-resubmit" });
    // Resubmitted with a fresh session, as a browser would: the one statement collides on the key and undoes itself, limits included.
    const ways = { ...reportWays };
    expect(await createReport((await getActorById(actor.id))!, once, { address: "a-resubmit" })).toMatchObject({ id: first.id, duplicate: true });
    expect(reportWays).toEqual(ways);
    const points = async () => (await db.rateLimit.findUniqueOrThrow({ where: { key: `report:${actor.id}` } })).points;
    expect(await points()).toBe(1);
    await db.rateLimit.update({ where: { key: `report:${actor.id}` }, data: { points: LIMITS.report.points } });
    expect(await createReport(actor, once, { address: "a-resubmit" })).toMatchObject({ id: first.id, duplicate: true });
    await expect(createReport(actor, input({ number: "0412 000 004" }), { address: "a-resubmit" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await db.report.count({ where: { reporterId: actor.id } })).toBe(1);
  });

  test("a report in one statement, and one from a session read before it (the statement refuses itself, a transaction files it), leave counts equal to a recount", async () => {
    const session = await member({ ageDays: 40 });
    const before = { ...reportWays };
    const first = await createReport(session, input({ number: "0412 000 011", category: "SCAM" }), { address: "a3" });
    expect(reportWays).toEqual({ ...before, alone: before.alone + 1 });
    // The same session's view (0 visible reports) is now stale: the row says 1.
    const second = await createReport(session, input({ number: "0412 000 011", category: "IMPERSONATION" }), { address: "a3" });
    expect(reportWays).toEqual({ alone: before.alone + 1, refusedAlone: before.refusedAlone + 1, transaction: before.transaction + 1 });
    expect(second.id).not.toBe(first.id);
    expect(await db.user.findUniqueOrThrow({ where: { id: session.id }, select: { visibleReportCount: true, trustLevel: true } })).toEqual({ visibleReportCount: 2, trustLevel: "TL1" });
    const live = await expectCountersMatchRows();
    expect(live.reporters.filter((row) => row.userId === session.id)).toEqual([expect.objectContaining({ e164: "+61412000011", category: "IMPERSONATION", reports: 2 })]);
    expect(live.categories.filter((row) => row.e164 === "+61412000011").map(({ category, reports, reporters }) => ({ category, reports, reporters }))).toEqual([
      { category: "SCAM", reports: 1, reporters: 0 },
      { category: "IMPERSONATION", reports: 1, reporters: 1 },
    ]);
  });

  test("counters equal the rows after 50 concurrent reports on one number", async () => {
    const org = await organisation("Concurrent Mutual");
    const members = await Promise.all(Array.from({ length: 50 }, () => member()));
    const e164 = "+61412000050";
    await Promise.all(
      members.map((actor, i) =>
        createReport(
          actor,
          input({
            number: e164,
            category: REPORT_CATEGORY_KEYS[i % REPORT_CATEGORY_KEYS.length],
            organisationId: i % 2 === 0 ? org.id : undefined,
            occurredAt: new Date(Date.now() - (i % 5) * 8 * DAY).toISOString(),
          }),
          { address: `addr-${i}` },
        ),
      ),
    );
    // The same members report again, changing category: they still count once each.
    await Promise.all(members.slice(0, 10).map((actor, i) => createReport(actor, input({ number: e164, category: i % 2 ? "LEGITIMATE" : "SCAM" }), { address: `addr-${i}` })));

    const live = await expectCountersMatchRows();
    const number = live.numbers.find((n) => n.e164 === e164)!;
    expect(number.reportCount).toBe(60);
    expect(number.reporterCount).toBe(50);
    expect(live.categories.filter((c) => c.e164 === e164).reduce((sum, c) => sum + c.reporters, 0)).toBe(50);
    expect(live.weeks.filter((w) => w.e164 === e164).length).toBeGreaterThanOrEqual(4);
    expect(live.organisations.find((o) => o.id === org.id)?.reportCount).toBe(25);
    expect(await db.claim.count({ where: { e164 } })).toBe(1);
  });

  test("a rate-limited member is refused with when to try again, and nothing is stored", async () => {
    const fresh = await member({ ageDays: 0 });
    for (let i = 0; i < 5; i++) await createReport(fresh, input({ number: `0412 000 1${i}0` }), { address: "limit" });
    const before = await rowCounts();
    const error = await createReport(fresh, input({ number: "0412 000 199" }), { address: "limit" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("RATE_LIMITED");
    expect((error as AppError).message).toMatch(/5 reports.*Try again in about \d+ hours/);
    expect(await rowCounts()).toEqual(before);
    expect(await db.phoneNumber.findUnique({ where: { e164: "+61412000199" } })).toBeNull();
  });

  test("in one statement with its limits: a used-up limit files nothing, gives the others back and keeps itself spent", async () => {
    const id = (await member()).id;
    const session = async () => (await getActorById(id))!;
    const before = { ...reportWays };
    for (let i = 0; i < 20; i++) await createReport(await session(), input({ number: `0412 003 ${String(i).padStart(3, "0")}` }), { address: "statement-limit" });
    // Each in one statement, but where the report moves the member's level (a transaction's way).
    expect(reportWays.alone - before.alone + (reportWays.transaction - before.transaction)).toBe(20);
    expect(reportWays.alone - before.alone).toBeGreaterThanOrEqual(18);
    const ways = { ...reportWays };
    const points = async (key: string) => (await db.rateLimit.findUniqueOrThrow({ where: { key } })).points;
    expect(await points(`report:${id}`)).toBe(20);
    expect(await points("report-address:statement-limit")).toBe(20);
    const counts = await rowCounts();
    const error = (await createReport(await session(), input({ number: "0412 003 999" }), { address: "statement-limit" }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(/20 reports.*Try again in about \d+ hours/);
    expect(await rowCounts()).toEqual(counts);
    expect(await db.phoneNumber.findUnique({ where: { e164: "+61412003999" } })).toBeNull();
    // The address's point came back; the account's used-up limit stays spent, so hammering does not reset it.
    expect(await points("report-address:statement-limit")).toBe(20);
    expect(await points(`report:${id}`)).toBe(21);
    // Refused by the one statement itself: no transaction was tried.
    expect(reportWays).toEqual(ways);
  });

  test("older accounts may file 20 reports a day", async () => {
    const actor = await member();
    for (let i = 0; i < 20; i++) await createReport(actor, input({ number: `0412 002 ${String(i).padStart(3, "0")}` }), { address: `older-${i}` });
    const error = (await createReport(actor, input({ number: "0412 002 999" }), { address: "older-x" }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(/20 reports/);
  });

  test.each([
    ["number", { number: "12" }],
    ["number", { number: "not a number" }],
    ["occurredAt", { occurredAt: new Date(Date.now() + 2 * 3_600_000).toISOString() }],
    ["occurredAt", { occurredAt: "1989-12-31T10:00" }],
    ["body", { body: "x".repeat(2_001) }],
    ["callerIdName", { callerIdName: "y".repeat(101) }],
    ["organisationId", { organisationId: "cknotarealorganisation00" }],
    ["askedFor", { askedFor: ["NOTHING", "SECURITY_ANSWERS"] }],
    ["category", { category: "" }],
    ["proposedName", { proposeOrganisation: "1", proposedName: "" }],
  ])("bad %s is refused with a field message and stores nothing", async (field, over) => {
    const actor = await member();
    const before = await rowCounts();
    const error = await createReport(actor, input(over), { address: "bad" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID");
    expect((error as AppError).fieldErrors?.[field]?.[0]).toBeTruthy();
    expect(await rowCounts()).toEqual(before);
  });

  test("a card number and an e-mail in the free text are stored masked", async () => {
    const actor = await member();
    const result = await createReport(
      actor,
      input({ number: "0412 000 300", body: "They read my card 4111 1111 1111 1111 back and said to write to refunds@scam.example today.", callerIdName: "mail me@x.example" }),
      { address: "mask" },
    );
    expect(result.masked).toBe(true);
    const stored = await db.report.findUniqueOrThrow({ where: { id: result.id } });
    expect(stored.body).not.toContain("4111 1111 1111 1111");
    expect(stored.body).not.toContain("refunds@scam.example");
    expect(stored.body).toContain("[card number removed •••• 1111]");
    expect(stored.callerIdName).toBe("mail [e-mail removed]");
    expect(stored.bodyMasked).toBe(true);

    const plain = await createReport(actor, input({ number: "0412 000 301", body: "Call back on 0412 000 301 please, ref 12345." }), { address: "mask" });
    expect(plain.masked).toBe(false);
    expect((await db.report.findUniqueOrThrow({ where: { id: plain.id } })).body).toBe("Call back on 0412 000 301 please, ref 12345.");
  });

  test("proposing an organisation creates it PROPOSED, claimed by the number; the same name again reuses it", async () => {
    const actor = await member();
    const result = await createReport(actor, input({ number: "0412 000 400", proposeOrganisation: "1", proposedName: "Parcel  Express Tracking", proposedWebsite: "www.parcelexpress.example" }), { address: "prop" });
    expect(result.organisation).toMatchObject({ name: "Parcel Express Tracking", status: "PROPOSED" });
    const org = await db.organisation.findUniqueOrThrow({ where: { id: result.organisation!.id } });
    expect(org).toMatchObject({ status: "PROPOSED", proposedById: actor.id, website: "https://www.parcelexpress.example/", domains: ["parcelexpress.example"], reportCount: 1 });
    expect(org.searchText).toContain("parcelexpress.example");
    const claim = await db.claim.findUniqueOrThrow({ where: { e164_organisationKey: { e164: "+61412000400", organisationKey: org.id } } });
    expect(claim).toMatchObject({ status: "UNVERIFIED", source: "REPORT", reportCount: 1 });

    const second = await createReport(await member(), input({ number: "0412 000 401", proposeOrganisation: "1", proposedName: "parcel express tracking" }), { address: "prop" });
    expect(second.organisation?.id).toBe(org.id);
    expect(await db.organisation.count({ where: { name: { equals: "Parcel Express Tracking", mode: "insensitive" } } })).toBe(1);
    await expectCountersMatchRows();
  });

  test("50 concurrent reports proposing one new name create one organisation", async () => {
    const actors = await Promise.all(Array.from({ length: 50 }, () => member()));
    const results = await Promise.all(
      actors.map((actor, i) =>
        createReport(actor, input({ number: `0412 001 ${String(100 + i)}`, proposeOrganisation: "1", proposedName: i % 2 ? "Concurrent Proposal Co" : "concurrent proposal co" }), { address: `race-${i}` }),
      ),
    );
    const orgs = await db.organisation.findMany({ where: { name: { equals: "Concurrent Proposal Co", mode: "insensitive" } }, select: { id: true, reportCount: true } });
    expect(orgs).toHaveLength(1);
    expect(new Set(results.map((result) => result.organisation?.id))).toEqual(new Set([orgs[0].id]));
    expect(orgs[0].reportCount).toBe(50);
    await expectCountersMatchRows();
  });

  test("a report naming a merged organisation is filed under the organisation it was merged into", async () => {
    const target = await organisation("Target Bank");
    const old = await db.organisation.create({ data: { name: "Old Bank", slug: `old-bank-${key()}`, status: "MERGED", mergedIntoId: target.id }, select: { id: true } });
    const result = await createReport(await member(), input({ number: "0412 000 500", organisationId: old.id }), { address: "merge" });
    expect(result.organisation?.id).toBe(target.id);
  });

  test("a suspended member cannot report", async () => {
    const error = (await createReport(await member({ suspended: true }), input(), { address: "s" }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("FORBIDDEN");
    const nobody = (await createReport(null, input(), { address: "s" }).catch((e: unknown) => e)) as AppError;
    expect(nobody.code).toBe("UNAUTHENTICATED");
  });
});
