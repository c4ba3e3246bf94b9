import { describe, expect, test } from "vitest";
import { isPromotable, summariseCandidate, type CandidateVote, type PromotionStats } from "./candidate-rules";
import { THRESHOLDS, type TrustLevel } from "../trust/rules";

const HOUR = 3_600_000;
const now = new Date("2026-06-01T12:00:00Z");
const rule = THRESHOLDS.promotion;

const base: PromotionStats = {
  status: "UNVERIFIED",
  hasOrganisation: true,
  legitBound: rule.minBound,
  trustedVoters: rule.minVoters,
  oldestVoteAt: new Date(now.getTime() - rule.minOldestVoteHours * HOUR),
};

describe("isPromotable boundaries", () => {
  test("exactly at every threshold is promotable", () => {
    expect(isPromotable(base, now)).toBe(true);
  });

  test("just below the legitimacy bound is not", () => {
    expect(isPromotable({ ...base, legitBound: rule.minBound - 1e-9 }, now)).toBe(false);
  });

  test("one trusted voter short is not", () => {
    expect(isPromotable({ ...base, trustedVoters: rule.minVoters - 1 }, now)).toBe(false);
  });

  test("an oldest vote one second too young is not", () => {
    expect(isPromotable({ ...base, oldestVoteAt: new Date(now.getTime() - rule.minOldestVoteHours * HOUR + 1000) }, now)).toBe(false);
  });

  test("no votes, no organisation, or a claim that is not UNVERIFIED is never promotable", () => {
    expect(isPromotable({ ...base, oldestVoteAt: null }, now)).toBe(false);
    expect(isPromotable({ ...base, hasOrganisation: false }, now)).toBe(false);
    for (const status of ["VERIFIED", "REVOKED", "REJECTED"] as const) expect(isPromotable({ ...base, status }, now)).toBe(false);
  });
});

describe("summariseCandidate", () => {
  const aged = (days: number) => new Date(now.getTime() - days * 24 * HOUR);
  const vote = (userId: string, legitimate: boolean, castDaysAgo: number, accountDays: number): CandidateVote => ({
    userId,
    legitimate,
    castAt: aged(castDaysAgo),
    voterCreatedAt: aged(accountDays),
  });

  // With every vote "legitimate" the Wilson bound is w / (w + z²): five basic members give ≈ 0.57.
  test("ten aged legitimate votes from basic members pass; the breakdown counts each voter once", () => {
    const votes = Array.from({ length: 10 }, (_, i) => vote(`u${i}`, true, 3, 40));
    const levels = new Map<string, TrustLevel>(votes.map((v) => [v.userId, "TL1"]));
    const summary = summariseCandidate({ status: "UNVERIFIED", hasOrganisation: true }, votes, levels, now);
    expect(summary.trustedVoters).toBe(10);
    expect(summary.byLevel.TL1).toEqual({ legit: 10, notLegit: 0 });
    expect(summary.byAge.under1y).toEqual({ legit: 10, notLegit: 0 });
    expect(summary.oldestVoteAt).toEqual(aged(3));
    expect(summary.legitBound).toBeGreaterThanOrEqual(rule.minBound);
    expect(isPromotable(summary, now)).toBe(true);
  });

  test("new accounts (TL0) do not count as trusted voters, so the same votes from them fail", () => {
    const votes = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => vote(`n${i}`, true, 3, 2));
    const levels = new Map<string, TrustLevel>(votes.map((v) => [v.userId, "TL0"]));
    const summary = summariseCandidate({ status: "UNVERIFIED", hasOrganisation: true }, votes, levels, now);
    expect(summary.trustedVoters).toBe(0);
    expect(summary.byAge.under7d.legit).toBe(8);
    expect(isPromotable(summary, now)).toBe(false);
  });

  test("five unanimous basic members pass; with one more member dissenting they do not", () => {
    const votes = Array.from({ length: 5 }, (_, i) => vote(`b${i}`, true, 3, 40));
    const levels = new Map<string, TrustLevel>([...votes.map((v) => [v.userId, "TL1"] as const), ["dissent", "TL1"]]);
    const unanimous = summariseCandidate({ status: "UNVERIFIED", hasOrganisation: true }, votes, levels, now);
    expect(unanimous.trustedVoters).toBe(5);
    expect(unanimous.legitBound).toBeGreaterThanOrEqual(rule.minBound);
    expect(isPromotable(unanimous, now)).toBe(true);
    const split = summariseCandidate({ status: "UNVERIFIED", hasOrganisation: true }, [...votes, vote("dissent", false, 3, 40)], levels, now);
    expect(split.legitBound).toBeLessThan(rule.minBound);
    expect(isPromotable(split, now)).toBe(false);
  });

  test("votes cast in the last day are too fresh, however many", () => {
    const votes = Array.from({ length: 10 }, (_, i) => vote(`f${i}`, true, 0.5, 400));
    const levels = new Map<string, TrustLevel>(votes.map((v) => [v.userId, "TL2"]));
    const summary = summariseCandidate({ status: "UNVERIFIED", hasOrganisation: true }, votes, levels, now);
    expect(summary.byAge.over1y.legit).toBe(10);
    expect(isPromotable(summary, now)).toBe(false);
  });

  test("a split vote keeps the bound below the threshold", () => {
    const votes = Array.from({ length: 10 }, (_, i) => vote(`s${i}`, i % 2 === 0, 5, 100));
    const levels = new Map<string, TrustLevel>(votes.map((v) => [v.userId, "TL1"]));
    const summary = summariseCandidate({ status: "UNVERIFIED", hasOrganisation: true }, votes, levels, now);
    expect(summary.byLevel.TL1).toEqual({ legit: 5, notLegit: 5 });
    expect(isPromotable(summary, now)).toBe(false);
  });
});
