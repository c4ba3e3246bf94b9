import { describe, expect, test } from "vitest";
import { applyVote, keptLegitimacy, nextTrustCheck, type KeptSums, type KeptVote } from "./kept";
import { legitimacy, trustLevel, weightFor, type TrustLevel, type TrustSubject } from "./rules";

const DAY = 86_400_000;
const LEVELS: TrustLevel[] = ["SUSPENDED", "TL0", "TL1", "TL2", "STAFF"];

function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe("kept legitimacy equals legitimacy() recomputed from the rows", () => {
  test.each(Array.from({ length: 40 }, (_, i) => i + 1))("random history %i: casts, changes, withdrawals and level changes", (seed) => {
    const rnd = random(seed);
    // Votes from 2019 to 2031, read at a later time: exercises both sides of the fixed epoch.
    let clock = Date.UTC(2019, 0, 1) + rnd() * 4 * 365 * DAY;
    const voters = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => LEVELS[Math.floor(rnd() * LEVELS.length)]);
    const votes = new Map<number, { legitimate: boolean; castAt: Date }>();
    let sums: KeptSums = { legitScaled: 0, notLegitScaled: 0 };
    const kept = (voter: number): KeptVote | null => {
      const vote = votes.get(voter);
      return vote ? { ...vote, weight: weightFor(voters[voter]) } : null;
    };
    for (let step = 0; step < 200; step++) {
      clock += rnd() * 30 * DAY;
      const voter = Math.floor(rnd() * voters.length);
      const action = rnd();
      const before = kept(voter);
      if (action < 0.6) {
        const legitimate = rnd() < 0.5;
        if (before?.legitimate === legitimate) continue;
        votes.set(voter, { legitimate, castAt: new Date(clock) });
        sums = applyVote(sums, before, kept(voter));
      } else if (action < 0.8) {
        votes.delete(voter);
        sums = applyVote(sums, before, null);
      } else {
        // The voter's level changes: their vote is re-weighed, cast time unchanged.
        voters[voter] = LEVELS[Math.floor(rnd() * LEVELS.length)];
        sums = applyVote(sums, before, kept(voter));
      }
    }
    const now = new Date(clock + rnd() * 400 * DAY);
    const expected = legitimacy([...votes].map(([voter, vote]) => ({ ...vote, level: voters[voter] })), now);
    const actual = keptLegitimacy(sums, now);
    close(actual.legitWeight, expected.legitWeight);
    close(actual.notLegitWeight, expected.notLegitWeight);
    close(actual.legitBound, expected.legitBound);
    close(actual.notLegitBound, expected.notLegitBound);
  });

  test("casting then withdrawing every vote reads as exactly no evidence, not a rounding hair", () => {
    const votes: KeptVote[] = Array.from({ length: 50 }, (_, i) => ({ legitimate: i % 3 === 0, weight: [0.25, 1, 1.5, 2][i % 4], castAt: new Date(Date.UTC(2026, 0, 1) + i * 7.3 * DAY) }));
    let sums: KeptSums = { legitScaled: 0, notLegitScaled: 0 };
    for (const vote of votes) sums = applyVote(sums, null, vote);
    for (const vote of [...votes].reverse()) sums = applyVote(sums, { ...vote, weight: vote.weight }, { ...vote, weight: 0 });
    const read = keptLegitimacy(sums, new Date(Date.UTC(2027, 0, 1)));
    expect(read.legitWeight).toBe(0);
    expect(read.notLegitWeight).toBe(0);
  });

  test("no votes reads as no evidence", () => {
    expect(keptLegitimacy({ legitScaled: 0, notLegitScaled: 0 })).toMatchObject({ total: 0, legitBound: 0, notLegitBound: 0 });
  });
});

describe("nextTrustCheck", () => {
  test.each(Array.from({ length: 200 }, (_, i) => i + 1))("random member %i: the level holds until the check, and the check is when it changes", (seed) => {
    const rnd = random(seed);
    const now = new Date(Date.UTC(2026, 5, 1));
    const user: TrustSubject = {
      role: rnd() < 0.1 ? "MODERATOR" : "USER",
      createdAt: new Date(now.getTime() - rnd() * 40 * DAY),
      emailVerified: rnd() < 0.8 ? now : null,
      suspendedAt: rnd() < 0.1 ? now : null,
      visibleReports: Math.floor(rnd() * 8),
    };
    const level = trustLevel(user, now);
    const check = nextTrustCheck(user, now);
    const probes = [1, 1_000, 3_600_000, DAY, 10 * DAY, 45 * DAY].map((ms) => new Date(now.getTime() + ms));
    for (const probe of probes) {
      if (check && probe >= check) continue;
      expect(trustLevel(user, probe)).toBe(level);
    }
    if (check) {
      expect(check.getTime()).toBeGreaterThan(now.getTime());
      expect(trustLevel(user, check)).not.toBe(level);
      expect(trustLevel(user, new Date(check.getTime() - 1))).toBe(level);
    }
  });
});
