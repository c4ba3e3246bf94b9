// When a claim is ready for the registry: a pure rule over a claim's kept vote figures (lib/registry/candidates.ts).
import { THRESHOLDS } from "./rules";

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
