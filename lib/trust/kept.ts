// Kept (incremental) legitimacy: pure arithmetic shared by recountAll's SQL, the vote's statement
// (callercheck_vote does voteDelta's sums in the database, with these constants passed in) and the tests. A vote of weight w cast at t contributes w × 2^((t − EPOCH) / H) to its claim's sum on
// its side; at read time the sum times 2^(−(now − EPOCH) / H) equals Σ w × 0.5^((now − t) / H), which
// is exactly what rules.ts legitimacy() computes from the rows. Sums only ever move by one vote's
// contribution, so a page reads two numbers instead of every vote.
import { legitimacyFromWeights, THRESHOLDS, trustLevel, weightFor, type Legitimacy, type TrustLevel, type TrustSubject } from "./rules";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Fixed reference time for the scaled sums. 2^(±(years × 2)) stays far inside a double's range. */
export const KEPT_EPOCH_MS = Date.UTC(2026, 0, 1);
export const HALF_LIFE_MS = THRESHOLDS.voteHalfLifeDays * DAY;

/** 2^((t − epoch) / half-life): what one unit of weight cast at t adds to a kept sum. */
export function scaleAt(at: Date): number {
  return Math.pow(2, (at.getTime() - KEPT_EPOCH_MS) / HALF_LIFE_MS);
}

export type KeptSums = { legitScaled: number; notLegitScaled: number };
export type KeptVote = { legitimate: boolean; weight: number; castAt: Date };

/** The claim's sums after one vote is replaced (cast: before = null; withdraw: after = null). */
export function applyVote(sums: KeptSums, before: KeptVote | null, after: KeptVote | null): KeptSums {
  const delta = voteDelta(before, after);
  return { legitScaled: sums.legitScaled + delta.legit, notLegitScaled: sums.notLegitScaled + delta.notLegit };
}

/** How much each side's scaled sum moves when a vote is replaced. */
export function voteDelta(before: KeptVote | null, after: KeptVote | null): { legit: number; notLegit: number } {
  let legit = 0;
  let notLegit = 0;
  if (before) {
    const part = before.weight * scaleAt(before.castAt);
    if (before.legitimate) legit -= part;
    else notLegit -= part;
  }
  if (after) {
    const part = after.weight * scaleAt(after.castAt);
    if (after.legitimate) legit += part;
    else notLegit += part;
  }
  return { legit, notLegit };
}

/**
 * Subtracting a vote's contribution can leave a rounding hair (±1e-16 × the sum) where nothing is
 * left. Below WEIGHT_EPSILON a side reads as zero: a real vote weighs more unless it is over nine
 * years old (0.25 × 0.5^18), when it counts for nothing visible anyway.
 */
export const WEIGHT_EPSILON = 1e-6;
const clean = (weight: number) => (weight < WEIGHT_EPSILON ? 0 : weight);

/** The same Legitimacy rules.ts legitimacy() returns, from the kept sums. */
export function keptLegitimacy(sums: KeptSums, now: Date = new Date()): Legitimacy {
  const rescale = 1 / scaleAt(now);
  return legitimacyFromWeights(clean(sums.legitScaled * rescale), clean(sums.notLegitScaled * rescale));
}

/**
 * When trustLevel(user) may next change by time alone (a new account's first day ending, a member
 * with enough reports reaching memberDays), or null when only an event can change it (a report, a
 * hide, a confirmation, a suspension, a role change), which updates the level there and then.
 */
export function nextTrustCheck(user: TrustSubject, now: Date = new Date()): Date | null {
  const level = trustLevel(user, now);
  const created = user.createdAt.getTime();
  if (level === "TL0" && user.emailVerified && !user.suspendedAt) {
    const due = created + THRESHOLDS.trust.newAccountHours * HOUR;
    if (due > now.getTime()) return new Date(due);
  }
  if (level === "TL1" && user.visibleReports >= THRESHOLDS.trust.memberReports) {
    // TL2 needs an age strictly above memberDays.
    const due = created + THRESHOLDS.trust.memberDays * DAY + 1;
    if (due > now.getTime()) return new Date(due);
  }
  return null;
}

export type KeptTrust = { level: TrustLevel; weight: number; checkAt: Date | null };

export function keptTrust(user: TrustSubject, now: Date = new Date()): KeptTrust {
  const level = trustLevel(user, now);
  return { level, weight: weightFor(level), checkAt: nextTrustCheck(user, now) };
}
