import { describe, expect, test } from "vitest";
import { brigadingSignals } from "./brigading";
import { decay, legitimacy, THRESHOLDS, trustLevel, weightFor, wilsonLowerBound, type TrustSubject } from "./rules";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date("2026-06-01T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

const subject = (overrides: Partial<TrustSubject> = {}): TrustSubject => ({
  role: "USER",
  createdAt: ago(10 * DAY),
  emailVerified: ago(10 * DAY),
  suspendedAt: null,
  visibleReports: 0,
  ...overrides,
});

describe("trustLevel boundaries", () => {
  test.each<[string, Partial<TrustSubject>, string]>([
    ["an hour old", { createdAt: ago(HOUR) }, "TL0"],
    ["one millisecond under 24 hours", { createdAt: ago(DAY - 1) }, "TL0"],
    ["exactly 24 hours", { createdAt: ago(DAY) }, "TL1"],
    ["old but e-mail not confirmed", { createdAt: ago(400 * DAY), emailVerified: null, visibleReports: 50 }, "TL0"],
    ["10 days, confirmed", {}, "TL1"],
    ["31 days with 4 visible reports", { createdAt: ago(31 * DAY), visibleReports: 4 }, "TL1"],
    ["exactly 30 days with 5 reports", { createdAt: ago(30 * DAY), visibleReports: 5 }, "TL1"],
    ["just over 30 days with 5 reports", { createdAt: ago(30 * DAY + 1), visibleReports: 5 }, "TL2"],
    ["29 days with 50 reports", { createdAt: ago(29 * DAY), visibleReports: 50 }, "TL1"],
    ["a moderator created a minute ago", { role: "MODERATOR", createdAt: ago(60_000), emailVerified: null }, "STAFF"],
    ["an admin", { role: "ADMIN" }, "STAFF"],
    ["a suspended member", { suspendedAt: ago(HOUR), createdAt: ago(300 * DAY), visibleReports: 10 }, "SUSPENDED"],
    ["a suspended moderator", { role: "MODERATOR", suspendedAt: ago(HOUR) }, "SUSPENDED"],
  ])("%s → %s", (_label, overrides, level) => {
    expect(trustLevel(subject(overrides), now)).toBe(level);
  });
});

test("weights per level, as the issue states", () => {
  expect([weightFor("SUSPENDED"), weightFor("TL0"), weightFor("TL1"), weightFor("TL2"), weightFor("STAFF")]).toEqual([0, 0.25, 1, 1.5, 2]);
});

describe("decay and Wilson bound", () => {
  test("a vote halves every 180 days", () => {
    expect(decay(now, now)).toBe(1);
    expect(decay(ago(180 * DAY), now)).toBeCloseTo(0.5, 10);
    expect(decay(ago(360 * DAY), now)).toBeCloseTo(0.25, 10);
    expect(decay(new Date(now.getTime() + DAY), now)).toBe(1);
  });

  test("Wilson lower bound matches known values", () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(1, 1)).toBeCloseTo(0.2065, 4);
    expect(wilsonLowerBound(5, 10)).toBeCloseTo(0.2366, 4);
    expect(wilsonLowerBound(9, 10)).toBeCloseTo(0.5958, 4);
    expect(wilsonLowerBound(100, 100)).toBeCloseTo(0.963, 3);
  });

  test("a suspended voter weighs nothing; staff weigh double", () => {
    const result = legitimacy(
      [
        { legitimate: true, level: "SUSPENDED", castAt: now },
        { legitimate: false, level: "STAFF", castAt: now },
        { legitimate: true, level: "TL0", castAt: now },
      ],
      now,
    );
    expect(result.legitWeight).toBe(0.25);
    expect(result.notLegitWeight).toBe(2);
  });
});

describe("brigadingSignals", () => {
  const vote = (castAgoMs: number, voterAgeDays: number, weight = 1) => ({ castAt: ago(castAgoMs), voterCreatedAt: ago(voterAgeDays * DAY), weight });

  test("quiet claims raise nothing", () => {
    expect(brigadingSignals([], now)).toEqual([]);
    expect(brigadingSignals([vote(HOUR, 100), vote(2 * HOUR, 2, 0.25)], now)).toEqual([]);
  });

  test("more than half the 24-hour weight from accounts under 7 days (at least 3 of them)", () => {
    const established = [vote(HOUR, 100), vote(HOUR, 100)];
    expect(brigadingSignals([...established, vote(HOUR, 6), vote(HOUR, 6)], now)).toEqual([]);
    expect(brigadingSignals([...established, vote(HOUR, 6), vote(HOUR, 6), vote(HOUR, 6)], now)).toEqual(["NEW_ACCOUNT_WEIGHT"]);
    // Exactly half is not more than half.
    expect(brigadingSignals([vote(HOUR, 100, 1.5), vote(HOUR, 3, 0.5), vote(HOUR, 3, 0.5), vote(HOUR, 3, 0.5)], now)).toEqual([]);
    // A 7-day-old account is no longer new; votes older than 24 hours are outside the window.
    expect(brigadingSignals([vote(HOUR, 7), vote(HOUR, 7), vote(HOUR, 7)], now)).toEqual([]);
    expect(brigadingSignals([vote(25 * HOUR, 2), vote(25 * HOUR, 2), vote(25 * HOUR, 2)], now)).toEqual([]);
  });

  test("more than 20 votes in an hour is a burst", () => {
    const votes = (count: number, castAgo: number) => Array.from({ length: count }, () => vote(castAgo, 100));
    expect(brigadingSignals(votes(THRESHOLDS.brigading.burstVotes, 10 * 60_000), now)).toEqual([]);
    expect(brigadingSignals(votes(21, 10 * 60_000), now)).toEqual(["VOTE_BURST"]);
    expect(brigadingSignals(votes(21, 61 * 60_000), now)).toEqual([]);
  });
});
