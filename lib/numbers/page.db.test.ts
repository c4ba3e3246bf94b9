import { beforeAll, describe, expect, test } from "vitest";
import { recountAll } from "./counters";
import { db } from "../platform/db";
import type { ReportCategory } from "../generated/prisma/enums";
import { getNumberPage } from "./page";

const DAY = 86_400_000;
const NOW = new Date();
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const users: string[] = [];
let insurer: { id: string };
let bank: { id: string };

async function report(e164: string, by: number, category: ReportCategory, options: { days?: number; organisationId?: string; body?: string; claimId?: string } = {}) {
  await db.phoneNumber.upsert({ where: { e164 }, create: { e164, type: "MOBILE", country: "AU" }, update: {} });
  return db.report.create({
    data: {
      e164,
      reporterId: users[by],
      category,
      occurredAt: ago(options.days ?? 1),
      organisationId: options.organisationId,
      claimId: options.claimId,
      body: options.body,
    },
  });
}

async function claim(e164: string, organisationId: string | null, status: "UNVERIFIED" | "VERIFIED" | "REJECTED" = "UNVERIFIED", extra: object = {}) {
  await db.phoneNumber.upsert({ where: { e164 }, create: { e164, type: "MOBILE", country: "AU" }, update: {} });
  return db.claim.create({ data: { e164, organisationId, organisationKey: organisationId ?? "-", status, ...extra } });
}

beforeAll(async () => {
  for (let i = 0; i < 8; i++) {
    const user = await db.user.create({ data: { email: `u${i}@example.com`, name: `User ${i}`, emailVerified: ago(90), createdAt: ago(90) } });
    users.push(user.id);
  }
  insurer = await db.organisation.create({ data: { slug: "harbour", name: "Harbour Health", officialPhone: "+611800160401", category: "INSURER" } });
  bank = await db.organisation.create({ data: { slug: "bank", name: "Mutual Bank", category: "BANK" } });

  // Verified: the insurer's registry number, with one scam report (possibly spoofed).
  await claim("+61270101234", insurer.id, "VERIFIED", { evidenceMethod: "OFFICIAL_WEBSITE", evidenceSource: "https://harbour.example/contact", verifiedAt: ago(10) });
  await report("+61270101234", 0, "SCAM", { body: "Said my policy lapsed" });
  // Impersonation: callers claim to be the insurer, which has verified numbers.
  const imp = await claim("+61491570159", insurer.id);
  for (const by of [1, 2]) await report("+61491570159", by, "IMPERSONATION", { organisationId: insurer.id, claimId: imp.id });
  // Likely scam: four reporters, the first twice (counts once), bodies visible.
  for (const [by, days] of [[0, 3], [0, 2], [1, 5], [2, 40], [3, 400]] as const) await report("+61491570157", by, "SCAM", { days, body: `story ${by}-${days}` });
  // Votes decide: an organisation-less claim with five legitimate votes.
  const legit = await claim("+61255504477", null);
  const bankClaim = await claim("+61255504477", bank.id);
  await report("+61255504477", 5, "LEGITIMATE", { organisationId: bank.id, claimId: bankClaim.id, body: "only one reporter" });
  for (const by of [0, 1, 2, 3]) await db.vote.create({ data: { claimId: legit.id, userId: users[by], legitimate: true } });
  // One report only: its text stays hidden.
  await report("+61491570006", 4, "LEGITIMATE_UNSAFE", { body: "private story" });
  // Old public data: reports from years ago.
  for (const by of [5, 6]) await report("+12025550143", by, "ROBOCALL", { days: 5 * 365 });
  await recountAll(db);
});

describe("getNumberPage", () => {
  test("a number nobody reported still gets a page", async () => {
    const page = await getNumberPage("+61412345678", null);
    expect(page).toMatchObject({
      e164: "+61412345678",
      national: "0412 345 678",
      international: "+61 412 345 678",
      type: "MOBILE",
      country: "AU",
      countryName: "Australia",
      known: false,
      counts: { reports: 0, reporters: 0, comments: 0, watches: 0 },
      firstReportedAt: null,
      categories: [],
      organisations: [],
      latestReports: [],
      verdict: { kind: "NOT_ENOUGH" },
    });
    expect(page.chart.points).toHaveLength(52);
  });

  test("verified: evidence, and scam reports mark it possibly spoofed", async () => {
    const page = await getNumberPage("+61270101234", null);
    expect(page.verdict).toMatchObject({ kind: "VERIFIED", possiblySpoofed: true });
    expect(page.verified?.organisation).toMatchObject({ name: "Harbour Health", slug: "harbour" });
    expect(page.verified?.evidence).toMatchObject({ method: "OFFICIAL_WEBSITE", source: "https://harbour.example/contact" });
    // A verified number's texts are public even with one reporter.
    expect(page.visibility.visible).toBe(true);
    expect(page.latestReports[0].body).toBe("Said my policy lapsed");
  });

  test("impersonation: claimed organisation with verified numbers elsewhere", async () => {
    const page = await getNumberPage("+61491570159", null);
    expect(page.verdict.kind).toBe("IMPERSONATION");
    expect(page.impersonated?.organisation).toMatchObject({ name: "Harbour Health", officialPhone: "+611800160401" });
    expect(page.organisations).toHaveLength(1);
    expect(page.organisations[0]).toMatchObject({ status: "UNVERIFIED", reportCount: 2 });
  });

  test("a rejected claim is impersonation even if the organisation has no verified numbers", async () => {
    await claim("+61491570170", bank.id, "REJECTED");
    const page = await getNumberPage("+61491570170", null);
    expect(page.verdict.kind).toBe("IMPERSONATION");
    expect(page.impersonated?.organisation.slug).toBe("bank");
  });

  test("counts, categories, latest reports and the chart come from counters and indexed rows", async () => {
    const page = await getNumberPage("+61491570157", null);
    expect(page.counts).toMatchObject({ reports: 5, reporters: 4 });
    expect(page.categories).toEqual([{ category: "SCAM", reports: 5, reporters: 4 }]);
    expect(page.verdict.kind).toBe("LIKELY_SCAM");
    expect(page.latestReports.map((r) => r.body)).toEqual(["story 0-2", "story 0-3", "story 1-5", "story 2-40", "story 3-400"]);
    expect(page.firstReportedAt?.getTime()).toBe(ago(400).getTime());
    // A report 400 days old: the chart covers the whole history, ending this week.
    expect(page.chart.scope).toBe("HISTORY");
    expect(page.chart.points.reduce((sum, p) => sum + p.reports, 0)).toBe(5);
    const limited = await getNumberPage("+61491570157", null, { reports: 2 });
    expect(limited.latestReports).toHaveLength(2);
  });

  test("votes on every claim of the number count in its verdict", async () => {
    const page = await getNumberPage("+61255504477", null);
    expect(page.votes.legitWeight).toBeGreaterThan(3.9);
    expect(page.verdict.kind).toBe("LIKELY_LEGITIMATE");
    expect(page.claimIds).toHaveLength(2);
    // Only the organisation's claim is listed as a claimed organisation.
    expect(page.organisations.map((c) => c.organisation.slug)).toEqual(["bank"]);
  });

  test("texts stay hidden with one reporter, except from moderators", async () => {
    const page = await getNumberPage("+61491570006", null);
    expect(page.visibility).toMatchObject({ visible: false, reason: "TOO_FEW_REPORTERS" });
    expect(page.latestReports[0]).toMatchObject({ category: "LEGITIMATE_UNSAFE", body: null });
    expect((await getNumberPage("+61491570006", { role: "USER" })).latestReports[0].body).toBeNull();
    expect((await getNumberPage("+61491570006", { role: "MODERATOR" })).latestReports[0].body).toBe("private story");
  });

  test("a removal hides texts from members; hidden reports are never listed", async () => {
    await db.phoneNumber.update({ where: { e164: "+61491570157" }, data: { contentHiddenAt: NOW, contentHiddenReason: "Removed at the owner's request." } });
    const hiddenReport = await db.report.findFirstOrThrow({ where: { e164: "+61491570157", body: "story 0-2" } });
    await db.report.update({ where: { id: hiddenReport.id }, data: { hiddenAt: NOW } });
    try {
      const page = await getNumberPage("+61491570157", { role: "USER" });
      expect(page.visibility).toMatchObject({ visible: false, reason: "REMOVED" });
      expect(page.latestReports.every((r) => r.body === null)).toBe(true);
      expect(page.latestReports.map((r) => r.id)).not.toContain(hiddenReport.id);
    } finally {
      await db.phoneNumber.update({ where: { e164: "+61491570157" }, data: { contentHiddenAt: null, contentHiddenReason: null } });
      await db.report.update({ where: { id: hiddenReport.id }, data: { hiddenAt: null } });
    }
  });

  test("old public data is charted over its own history", async () => {
    const page = await getNumberPage("+12025550143", null);
    expect(page).toMatchObject({ country: "US", national: "(202) 555-0143", counts: { reports: 2 } });
    expect(page.chart.scope).toBe("HISTORY");
    expect(page.chart.points).toHaveLength(1);
    expect(page.chart.points[0].reports).toBe(2);
    expect(page.verdict.kind).toBe("NOT_ENOUGH"); // two robocall reporters: one unit of evidence
  });
});

describe("the verdicts DESIGN.md added", () => {
  test("the insurer's own rotating mobile: members confirm it, reports say it asked for security answers → really them, but unsafe", async () => {
    const real = await claim("+61491570111", insurer.id);
    // Five of six members say it really is the insurer; two reporters filed the unsafe practice.
    for (const by of [0, 1]) await report("+61491570111", by, "LEGITIMATE_UNSAFE", { organisationId: insurer.id, claimId: real.id });
    for (const [by, legitimate] of [[2, true], [3, true], [4, true], [5, false]] as const) await db.vote.create({ data: { claimId: real.id, userId: users[by], legitimate } });
    await db.organisation.update({ where: { id: insurer.id }, data: { policyNeverAsks: "Security answers on a call we started" } });
    await recountAll(db);
    const page = await getNumberPage("+61491570111", null);
    expect(page.verdict.kind).toBe("REAL_BUT_UNSAFE");
    expect(page.named?.slug).toBe("harbour");
    expect(page.named?.policyNeverAsks).toBe("Security answers on a call we started");
    expect(page.voteClaimId).toBe(real.id);
    expect(page.impersonated).toBeNull();
    // The impersonator stays red, naming the same insurer.
    const impersonator = await getNumberPage("+61491570159", null);
    expect(impersonator.verdict.kind).toBe("IMPERSONATION");
    expect(impersonator.impersonated?.organisation.slug).toBe("harbour");
  });

  test("an organisation's published contact number reads 'official contact number', not 'not enough reports'", async () => {
    const tax = await db.organisation.create({ data: { slug: "tax", name: "Tax Office", category: "GOVERNMENT", country: "AU", officialPhone: "+61132861" } });
    await db.organisationContactNumber.create({ data: { organisationId: tax.id, e164: "+611800008540", purpose: "scam verification line" } });
    await report("+611800008540", 6, "SCAM", { body: "said I owed tax" });
    await recountAll(db);
    const listed = await getNumberPage("+611800008540", null);
    expect(listed.verdict.kind).toBe("OFFICIAL_CONTACT");
    expect(listed.named?.name).toBe("Tax Office");
    // The main call-back number counts too, even with no contact rows and no reports.
    const main = await getNumberPage("+61132861", null);
    expect(main.verdict.kind).toBe("OFFICIAL_CONTACT");
    expect(main.counts.reports).toBe(0);
  });

  test("a caller naming the insurer on the insurer's own call-back number: its official contact number, not an impersonation warning", async () => {
    // The insurer has a verified list (+61270101234); 1800 160 401 is the number it publishes for customers to call.
    const own = await claim("+611800160401", insurer.id);
    await report("+611800160401", 7, "LEGITIMATE", { organisationId: insurer.id, claimId: own.id, body: "my insurer rang from its main number" });
    await recountAll(db);
    const page = await getNumberPage("+611800160401", null);
    expect(page.verdict.kind).toBe("OFFICIAL_CONTACT");
    expect(page.impersonated).toBeNull();
    expect(page.named?.name).toBe("Harbour Health");
  });
});

test("an organisation a member proposed is marked so wherever the number page names it", async () => {
  const proposed = await db.organisation.create({ data: { slug: "proposed-caller-co", name: "Caller Co", status: "PROPOSED" } });
  await claim("+61491570188", proposed.id);
  await claim("+61491570189", insurer.id);
  const page = await getNumberPage("+61491570188", null);
  expect(page.organisations.map((c) => [c.organisation.name, c.organisation.proposed])).toEqual([["Caller Co", true]]);
  expect((await getNumberPage("+61491570189", null)).organisations[0].organisation.proposed).toBe(false);
});
