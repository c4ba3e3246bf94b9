// Pure: when a claim may be promoted into the registry, and the numbers a moderator sees for a promotion
// candidate, from its votes and voters.
import { legitimacy, THRESHOLDS, type TrustLevel } from "../trust/rules";

export type CandidateVote = { userId: string; legitimate: boolean; castAt: Date; voterCreatedAt: Date };

export const AGE_BUCKETS = [
  { key: "under7d", label: "Under 7 days", maxDays: 7 },
  { key: "under30d", label: "7–30 days", maxDays: 30 },
  { key: "under1y", label: "30 days – 1 year", maxDays: 365 },
  { key: "over1y", label: "Over 1 year", maxDays: Infinity },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];

const TRUSTED: readonly TrustLevel[] = ["TL1", "TL2", "STAFF"];
const DAY = 86_400_000;

export type Tally = { legit: number; notLegit: number };

export type CandidateSummary = PromotionStats & {
  byLevel: Partial<Record<TrustLevel, Tally>>;
  byAge: Record<AgeBucket, Tally>;
};

export function summariseCandidate(
  claim: { status: PromotionStats["status"]; hasOrganisation: boolean },
  votes: CandidateVote[],
  levels: Map<string, TrustLevel>,
  now: Date = new Date(),
): CandidateSummary {
  const levelOf = (userId: string) => levels.get(userId) ?? "TL0";
  const result = legitimacy(
    votes.map((vote) => ({ legitimate: vote.legitimate, level: levelOf(vote.userId), castAt: vote.castAt })),
    now,
  );
  const byLevel: CandidateSummary["byLevel"] = {};
  const byAge = Object.fromEntries(AGE_BUCKETS.map((bucket) => [bucket.key, { legit: 0, notLegit: 0 }])) as Record<AgeBucket, Tally>;
  const trusted = new Set<string>();
  let oldest: Date | null = null;
  for (const vote of votes) {
    const level = levelOf(vote.userId);
    const tally = (byLevel[level] ??= { legit: 0, notLegit: 0 });
    const ageDays = (now.getTime() - vote.voterCreatedAt.getTime()) / DAY;
    const bucket = AGE_BUCKETS.find((b) => ageDays < b.maxDays) ?? AGE_BUCKETS[AGE_BUCKETS.length - 1];
    if (vote.legitimate) {
      tally.legit += 1;
      byAge[bucket.key].legit += 1;
    } else {
      tally.notLegit += 1;
      byAge[bucket.key].notLegit += 1;
    }
    if (TRUSTED.includes(level)) trusted.add(vote.userId);
    if (!oldest || vote.castAt < oldest) oldest = vote.castAt;
  }
  return { ...claim, legitBound: result.legitBound, trustedVoters: trusted.size, oldestVoteAt: oldest, byLevel, byAge };
}

/** Cheap pre-filter on the denormalised counters before the exact check. */
export const MIN_VOTES_FOR_CANDIDATE = THRESHOLDS.promotion.minVoters;

const HOUR = 3_600_000;

export type PromotionStats = {
  status: "UNVERIFIED" | "VERIFIED" | "REVOKED" | "REJECTED";
  hasOrganisation: boolean;
  legitBound: number;
  /** Distinct voters at TL1 or above who voted "legitimate" or "not legitimate". */
  trustedVoters: number;
  oldestVoteAt: Date | null;
};

/** A claim a moderator may promote into the registry: confident, broad and settled support. */
export function isPromotable(stats: PromotionStats, now: Date = new Date()): boolean {
  const rule = THRESHOLDS.promotion;
  if (stats.status !== "UNVERIFIED" || !stats.hasOrganisation || !stats.oldestVoteAt) return false;
  return (
    stats.legitBound >= rule.minBound &&
    stats.trustedVoters >= rule.minVoters &&
    now.getTime() - stats.oldestVoteAt.getTime() >= rule.minOldestVoteHours * HOUR
  );
}
