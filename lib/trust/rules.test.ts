import { describe, expect, test } from "vitest";
import type { ReportCategoryKey } from "../display/labels";
import {
  claimConfirmation,
  decay,
  legitimacy,
  reportEvidence,
  THRESHOLDS,
  verdictFor,
  wilsonLowerBound,
  type ClaimedInput,
  type Legitimacy,
  type TrustLevel,
  type VerdictInput,
  type VerdictKind,
  type WeightedVote,
} from "./rules";

const DAY = 86_400_000;
const NOW = new Date("2026-06-01T00:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

describe("wilsonLowerBound (95%)", () => {
  // Reference values from the closed form with z = 1.959964 (Evan Miller's 9/10 → 0.5958 and
  // 50/100 → 0.4038 among them); n/n is n / (n + z²).
  test.each([
    [0, 0, 0],
    [0, 10, 0],
    [1, 1, 0.206549],
    [2, 2, 0.34238],
    [3, 3, 0.438503],
    [4, 4, 0.510109],
    [5, 10, 0.236593],
    [9, 10, 0.59585],
    [50, 100, 0.403832],
    [100, 100, 0.963007],
    [5, 6, 0.436497],
    [1.5, 2, 0.197867],
    [0.5, 0.5, 0.115169],
  ])("%d of %d → %d", (positive, total, expected) => {
    expect(wilsonLowerBound(positive, total)).toBeCloseTo(expected, 5);
  });

  test("is monotone in the positive share and in the sample size", () => {
    expect(wilsonLowerBound(6, 10)).toBeGreaterThan(wilsonLowerBound(5, 10));
    expect(wilsonLowerBound(90, 100)).toBeGreaterThan(wilsonLowerBound(9, 10));
  });

  test("clamps nonsense input into [0, 1]", () => {
    expect(wilsonLowerBound(12, 10)).toBeCloseTo(wilsonLowerBound(10, 10), 10);
    expect(wilsonLowerBound(-3, 10)).toBe(0);
    expect(wilsonLowerBound(3, -1)).toBe(0);
  });

  test("a different z widens or narrows the interval", () => {
    expect(wilsonLowerBound(9, 10, 1)).toBeGreaterThan(wilsonLowerBound(9, 10));
  });
});

describe("decay", () => {
  const half = THRESHOLDS.voteHalfLifeDays;
  test.each([
    [0, 1],
    [half / 2, Math.SQRT1_2],
    [half, 0.5],
    [2 * half, 0.25],
    [4 * half, 0.0625],
    [-10, 1], // a vote "from the future" (clock skew) never counts more than a fresh one
  ])("a vote %d days old weighs %d", (days, expected) => {
    expect(decay(ago(days), NOW)).toBeCloseTo(expected, 10);
  });
});

describe("legitimacy", () => {
  const vote = (legitimate: boolean, level: TrustLevel = "TL1", days = 0): WeightedVote => ({ legitimate, level, castAt: ago(days) });

  test.each<[string, WeightedVote[], number, number]>([
    ["no votes", [], 0, 0],
    ["one basic member", [vote(true)], 1, 0],
    ["a new account counts a quarter", [vote(true, "TL0")], 0.25, 0],
    ["a member counts one and a half", [vote(false, "TL2")], 0, 1.5],
    ["staff count double", [vote(true, "STAFF")], 2, 0],
    ["a suspended account counts nothing", [vote(false, "SUSPENDED"), vote(true)], 1, 0],
    ["a half-life-old vote counts half", [vote(true, "TL1", THRESHOLDS.voteHalfLifeDays)], 0.5, 0],
    ["mixed", [vote(true), vote(true, "TL2"), vote(false, "TL0"), vote(false, "TL1", THRESHOLDS.voteHalfLifeDays)], 2.5, 0.75],
  ])("%s", (_name, votes, legit, notLegit) => {
    const result = legitimacy(votes, NOW);
    expect(result.legitWeight).toBeCloseTo(legit, 10);
    expect(result.notLegitWeight).toBeCloseTo(notLegit, 10);
    expect(result.total).toBeCloseTo(legit + notLegit, 10);
    expect(result.legitBound).toBeCloseTo(wilsonLowerBound(legit, legit + notLegit), 10);
    expect(result.notLegitBound).toBeCloseTo(wilsonLowerBound(notLegit, legit + notLegit), 10);
  });

  test("two votes never look like certainty", () => {
    expect(legitimacy([vote(true), vote(true)], NOW).legitBound).toBeLessThan(0.5);
  });
});

describe("reportEvidence", () => {
  test.each<[string, Partial<Record<ReportCategoryKey, number>>, number, number]>([
    ["nothing", {}, 0, 0],
    ["scam and impersonation count fully against", { SCAM: 2, IMPERSONATION: 1 }, 0, 3],
    ["nuisance categories count half against", { TELEMARKETING: 2, ROBOCALL: 1, DEBT_COLLECTOR: 1, SURVEY: 1, SILENT: 1 }, 0, 3],
    ["legitimate, even unsafe, counts for", { LEGITIMATE: 2, LEGITIMATE_UNSAFE: 3 }, 5, 0],
    ["charity and other are neutral", { CHARITY: 4, OTHER: 7 }, 0, 0],
    ["mixed", { SCAM: 1, TELEMARKETING: 1, LEGITIMATE: 2, OTHER: 1 }, 2, 1.5],
  ])("%s", (_name, reporters, legit, notLegit) => {
    expect(reportEvidence(reporters)).toEqual({ legit, notLegit });
  });
});

describe("verdictFor", () => {
  const none: Legitimacy = legitimacy([], NOW);
  const weights = (legitWeight: number, notLegitWeight: number): Legitimacy => ({
    legitWeight,
    notLegitWeight,
    total: legitWeight + notLegitWeight,
    legitBound: wilsonLowerBound(legitWeight, legitWeight + notLegitWeight),
    notLegitBound: wilsonLowerBound(notLegitWeight, legitWeight + notLegitWeight),
  });
  const org = { organisationName: "Harbour Health Insurance", organisationSlug: "harbour-health-insurance", officialPhone: "+611800160401" };
  const other = { organisationName: "Australian Taxation Office", organisationSlug: "australian-taxation-office", officialPhone: "+61132861" };
  const claimed = (over: Partial<ClaimedInput> = {}): ClaimedInput => ({ ...org, hasVerifiedList: true, rejected: false, votes: none, ...over });
  const input = (over: Partial<VerdictInput>): VerdictInput => ({
    verified: null,
    claimed: null,
    officialContact: null,
    unsafeReports: 0,
    votes: none,
    reportersByCategory: {},
    ...over,
  });
  const { minEvidence } = THRESHOLDS.verdict;
  // n / (n + z²) ≥ 0.5 needs n ≥ z² ≈ 3.8415 unanimous units of evidence.
  const unanimousBar = THRESHOLDS.z ** 2;

  test.each<[string, Partial<VerdictInput>, VerdictKind]>([
    ["nothing at all", {}, "NOT_ENOUGH"],
    ["one scam report", { reportersByCategory: { SCAM: 1 } }, "NOT_ENOUGH"],
    ["just under the evidence minimum, split", { votes: weights(0.99, 0.99) }, "NOT_ENOUGH"],
    ["at the evidence minimum, split", { votes: weights(1, 1) }, "DISPUTED"],
    ["three unanimous scam reports: one-sided but not yet confident", { reportersByCategory: { SCAM: 3 } }, "NOT_ENOUGH"],
    ["just under the unanimous bar (legitimate)", { votes: weights(unanimousBar - 0.01, 0) }, "NOT_ENOUGH"],
    ["at the unanimous bar (legitimate)", { votes: weights(unanimousBar + 0.001, 0) }, "LIKELY_LEGITIMATE"],
    ["at the unanimous bar (scam)", { votes: weights(0, unanimousBar + 0.001) }, "LIKELY_SCAM"],
    ["four scam reporters", { reportersByCategory: { SCAM: 4 } }, "LIKELY_SCAM"],
    ["eight telemarketing reporters count as four against", { reportersByCategory: { TELEMARKETING: 8 } }, "LIKELY_SCAM"],
    ["seven telemarketing reporters fall short", { reportersByCategory: { TELEMARKETING: 7 } }, "NOT_ENOUGH"],
    ["four legitimate reporters", { reportersByCategory: { LEGITIMATE: 4 } }, "LIKELY_LEGITIMATE"],
    ["votes and reports add up", { votes: weights(2, 0), reportersByCategory: { LEGITIMATE: 2 } }, "LIKELY_LEGITIMATE"],
    ["5 legitimate vs 1 scam is still disputed", { reportersByCategory: { LEGITIMATE: 5, SCAM: 1 } }, "DISPUTED"],
    ["9 vs 1 is likely legitimate", { reportersByCategory: { LEGITIMATE: 9, SCAM: 1 } }, "LIKELY_LEGITIMATE"],
    ["1 vs 9 is likely a scam", { votes: weights(1, 9) }, "LIKELY_SCAM"],
    ["an even split", { votes: weights(10, 10) }, "DISPUTED"],
    ["charity reports alone are no evidence", { reportersByCategory: { CHARITY: 10 } }, "NOT_ENOUGH"],
    ["impersonation beats a scam majority", { claimed: claimed(), reportersByCategory: { SCAM: 10 } }, "IMPERSONATION"],
    ["a rejected claim is impersonation even when members vote for it", { claimed: claimed({ rejected: true, votes: weights(50, 0) }), unsafeReports: 3 }, "IMPERSONATION"],
    ["unconfirmed claim on an organisation with a list is impersonation", { claimed: claimed({ votes: weights(1, 1) }) }, "IMPERSONATION"],
    ["members confirming the claim (no unsafe reports) fall through to the votes", { claimed: claimed({ votes: weights(5, 0) }), votes: weights(5, 0) }, "LIKELY_LEGITIMATE"],
    ["claim on an organisation without a list, nobody denies it: community verdict", { claimed: claimed({ hasVerifiedList: false }), reportersByCategory: { LEGITIMATE: 1 } }, "NOT_ENOUGH"],
    ["members deny an organisation without a list: impersonation", { claimed: claimed({ hasVerifiedList: false, votes: weights(0, 5) }) }, "IMPERSONATION"],
    ["confirmed and unsafe: really them, but unsafe", { claimed: claimed({ votes: weights(5, 1) }), unsafeReports: 1 }, "REAL_BUT_UNSAFE"],
    ["unsafe but not confirmed (3 of 4) stays impersonation", { claimed: claimed({ votes: weights(3, 1) }), unsafeReports: 2 }, "IMPERSONATION"],
    ["really them beats another organisation's official contact number", { claimed: claimed({ votes: weights(6, 0) }), unsafeReports: 1, officialContact: other }, "REAL_BUT_UNSAFE"],
    ["impersonation beats another organisation's official contact number", { claimed: claimed({ votes: weights(0, 4) }), officialContact: other }, "IMPERSONATION"],
    ["callers naming the organisation whose contact number it is, unconfirmed: its official contact number", { claimed: claimed({ votes: weights(0, 0) }), reportersByCategory: { LEGITIMATE: 1 }, officialContact: org }, "OFFICIAL_CONTACT"],
    ["members denying it on the organisation's own contact number: its official contact number (callers spoof it)", { claimed: claimed({ votes: weights(0, 4) }), officialContact: org }, "OFFICIAL_CONTACT"],
    ["confirmed and unsafe on its own contact number: its official contact number", { claimed: claimed({ votes: weights(6, 0) }), unsafeReports: 1, officialContact: org }, "OFFICIAL_CONTACT"],
    ["a rejected claim on the organisation's own contact number stays impersonation", { claimed: claimed({ rejected: true }), officialContact: org }, "IMPERSONATION"],
    ["an official contact number beats scam reports (callers spoof it)", { officialContact: org, reportersByCategory: { SCAM: 10 } }, "OFFICIAL_CONTACT"],
    ["an official contact number with no reports", { officialContact: org }, "OFFICIAL_CONTACT"],
    ["verified beats everything", { verified: org, claimed: claimed({ votes: weights(0, 50) }), officialContact: org, unsafeReports: 9 }, "VERIFIED"],
  ])("%s → %s", (_name, over, kind) => {
    expect(verdictFor(input(over)).kind).toBe(kind);
  });

  test("the minimum evidence is what the table assumes", () => {
    expect(minEvidence).toBe(2);
    expect(THRESHOLDS.verdict.minBound).toBe(0.5);
  });

  test("reports the combined evidence behind the verdict", () => {
    const verdict = verdictFor(input({ votes: weights(2, 1), reportersByCategory: { LEGITIMATE: 1, TELEMARKETING: 2 } }));
    expect(verdict.evidence).toBeCloseTo(5, 10);
    expect(verdict.legitBound).toBeCloseTo(wilsonLowerBound(3, 5), 10);
    expect(verdict.notLegitBound).toBeCloseTo(wilsonLowerBound(2, 5), 10);
  });

  test.each<[Partial<Record<ReportCategoryKey, number>>, boolean]>([
    [{}, false],
    [{ LEGITIMATE: 5, TELEMARKETING: 3 }, false],
    [{ LEGITIMATE: 5, SCAM: 1 }, true],
    [{ IMPERSONATION: 1 }, true],
  ])("a verified number with reporters %j is possibly spoofed: %s", (reportersByCategory, spoofed) => {
    expect(verdictFor(input({ verified: org, reportersByCategory })).possiblySpoofed).toBe(spoofed);
  });

  test("only a verified number is ever 'possibly spoofed'", () => {
    expect(verdictFor(input({ reportersByCategory: { SCAM: 9 } })).possiblySpoofed).toBe(false);
    expect(verdictFor(input({ claimed: claimed(), reportersByCategory: { SCAM: 9 } })).possiblySpoofed).toBe(false);
    expect(verdictFor(input({ officialContact: org, reportersByCategory: { SCAM: 9 } })).possiblySpoofed).toBe(false);
  });

  // The founding story, as the demo seed tells it (prisma/seed-demo.ts): basic members' votes at full weight.
  const basic = (legitimate: boolean): WeightedVote => ({ legitimate, level: "TL1", castAt: NOW });
  test("the demo insurer's own rotating mobile (+61491570006) is really them, but unsafe", () => {
    const votes = legitimacy([basic(true), basic(true), basic(true), basic(false)], NOW);
    const verdict = verdictFor(
      input({ claimed: claimed({ votes }), votes, unsafeReports: 2, reportersByCategory: { LEGITIMATE_UNSAFE: 2 } }),
    );
    expect(verdict.kind).toBe("REAL_BUT_UNSAFE");
    expect(verdict.organisation).toEqual(org);
  });

  test("the impersonator (+61491570159) gets the red warning, naming the insurer and its number", () => {
    const votes = legitimacy([basic(false), basic(false), basic(false), basic(false)], NOW);
    const verdict = verdictFor(input({ claimed: claimed({ votes }), votes, unsafeReports: 2, reportersByCategory: { IMPERSONATION: 2 } }));
    expect(verdict.kind).toBe("IMPERSONATION");
    expect(verdict.impersonationReason).toBe("NOT_ON_LIST");
    expect(verdict.organisation?.officialPhone).toBe("+611800160401");
  });

  test("visitors' reports weigh like a new member's vote", () => {
    const member = verdictFor(input({ reportersByCategory: { SCAM: 4 } }));
    const visitors = verdictFor(input({ anonymousReportersByCategory: { SCAM: 4 } }));
    expect(member.kind).toBe("LIKELY_SCAM");
    expect(visitors.evidence).toBeCloseTo(4 * THRESHOLDS.weights.TL0, 10);
    expect(visitors.kind).toBe("NOT_ENOUGH");
  });
});

describe("claimConfirmation", () => {
  const none = { legit: 0, notLegit: 0 };
  const votes = (legitWeight: number, notLegitWeight: number): Legitimacy => ({
    legitWeight,
    notLegitWeight,
    total: legitWeight + notLegitWeight,
    legitBound: wilsonLowerBound(legitWeight, legitWeight + notLegitWeight),
    notLegitBound: wilsonLowerBound(notLegitWeight, legitWeight + notLegitWeight),
  });
  test.each<[number, number, boolean, boolean]>([
    [0, 0, false, false],
    [1, 0, false, false],
    [2, 0, false, false],
    [3, 0, true, false],
    [3, 1, false, false],
    [5, 1, true, false],
    [2, 2, false, false],
    [0, 4, false, true],
  ])("%d for, %d against → confirmed %s, denied %s", (legit, notLegit, confirmed, denied) => {
    const result = claimConfirmation(votes(legit, notLegit), none);
    expect([result.confirmed, result.denied]).toEqual([confirmed, denied]);
  });
  test("legitimate reports count towards confirmation", () => {
    expect(claimConfirmation(votes(3, 1), { legit: 2, notLegit: 0 }).confirmed).toBe(true);
  });
});
