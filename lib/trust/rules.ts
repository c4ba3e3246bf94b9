// Pure rules for trust, vote weight and verdicts. No database: every threshold lives in THRESHOLDS,
// and the settings table (lib/settings.ts) may override them at run time.
import type { ReportCategoryKey } from "../display/labels";

export const THRESHOLDS = {
  trust: { newAccountHours: 24, memberDays: 30, memberReports: 5 },
  weights: { SUSPENDED: 0, TL0: 0.25, TL1: 1, TL2: 1.5, STAFF: 2 },
  voteHalfLifeDays: 180,
  /** z for a 95% two-sided interval. */
  z: 1.959964,
  verdict: {
    /** Below this much evidence (weighted votes + reporters) a number has "not enough reports". */
    minEvidence: 2,
    /** The Wilson lower bound one side needs to win; otherwise the number is "disputed". */
    minBound: 0.5,
    /** Nuisance categories (telemarketing, robocalls…) count this much towards "not legitimate". */
    nuisanceWeight: 0.5,
  },
  // Five unanimous basic members (bound ≈ 0.57) pass; one dissent among six (≈ 0.44) does not.
  promotion: { minBound: 0.55, minVoters: 5, minOldestVoteHours: 48 },
  brigading: { windowHours: 24, newAccountDays: 7, newAccountShare: 0.5, minNewAccounts: 3, burstWindowMinutes: 60, burstVotes: 20 },
} as const;

export type TrustLevel = keyof typeof THRESHOLDS.weights;

export type TrustSubject = {
  role: "USER" | "MODERATOR" | "ADMIN";
  createdAt: Date;
  emailVerified: Date | null;
  suspendedAt: Date | null;
  /** Reports the member filed that were never hidden by moderators. */
  visibleReports: number;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function trustLevel(user: TrustSubject, now: Date = new Date()): TrustLevel {
  if (user.suspendedAt) return "SUSPENDED";
  if (user.role === "MODERATOR" || user.role === "ADMIN") return "STAFF";
  const age = now.getTime() - user.createdAt.getTime();
  if (age < THRESHOLDS.trust.newAccountHours * HOUR || !user.emailVerified) return "TL0";
  if (age > THRESHOLDS.trust.memberDays * DAY && user.visibleReports >= THRESHOLDS.trust.memberReports) return "TL2";
  return "TL1";
}

export const TRUST_LABELS: Record<TrustLevel, string> = {
  SUSPENDED: "Suspended",
  TL0: "New member",
  TL1: "Basic member",
  TL2: "Member",
  STAFF: "Moderator",
};

export const weightFor = (level: TrustLevel) => THRESHOLDS.weights[level];

/** Halves every voteHalfLifeDays: an old vote still counts, less. */
export function decay(castAt: Date, now: Date = new Date()): number {
  const ageDays = Math.max(0, now.getTime() - castAt.getTime()) / DAY;
  return Math.pow(0.5, ageDays / THRESHOLDS.voteHalfLifeDays);
}

/** Lower bound of the 95% Wilson score interval; works with weighted (fractional) counts. */
export function wilsonLowerBound(positive: number, total: number, z: number = THRESHOLDS.z): number {
  if (total <= 0) return 0;
  const p = Math.min(1, Math.max(0, positive / total));
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return Math.max(0, (centre - margin) / (1 + z2 / total));
}

export type WeightedVote = { legitimate: boolean; level: TrustLevel; castAt: Date };

export type Legitimacy = {
  legitWeight: number;
  notLegitWeight: number;
  total: number;
  /** Wilson lower bound of the share saying "legitimate". */
  legitBound: number;
  /** Wilson lower bound of the share saying "not legitimate". */
  notLegitBound: number;
};

export function legitimacy(votes: WeightedVote[], now: Date = new Date()): Legitimacy {
  let legitWeight = 0;
  let notLegitWeight = 0;
  for (const vote of votes) {
    const weight = weightFor(vote.level) * decay(vote.castAt, now);
    if (vote.legitimate) legitWeight += weight;
    else notLegitWeight += weight;
  }
  return fromWeights(legitWeight, notLegitWeight);
}

function fromWeights(legitWeight: number, notLegitWeight: number): Legitimacy {
  const total = legitWeight + notLegitWeight;
  return {
    legitWeight,
    notLegitWeight,
    total,
    legitBound: wilsonLowerBound(legitWeight, total),
    notLegitBound: wilsonLowerBound(notLegitWeight, total),
  };
}

/** For lib/trust/kept.ts, which keeps the weights and rescales them instead of summing rows. */
export { fromWeights as legitimacyFromWeights };

export const BAD_CATEGORIES: readonly ReportCategoryKey[] = ["SCAM", "IMPERSONATION"];
export const NUISANCE_CATEGORIES: readonly ReportCategoryKey[] = ["TELEMARKETING", "ROBOCALL", "DEBT_COLLECTOR", "SURVEY", "SILENT"];
export const LEGIT_CATEGORIES: readonly ReportCategoryKey[] = ["LEGITIMATE", "LEGITIMATE_UNSAFE"];

/**
 * Reporters (each member once, by their latest report's category) as evidence on the same scale as
 * votes: scam and impersonation count fully against, nuisance calls partly, legitimate ones for.
 */
export function reportEvidence(
  reportersByCategory: Partial<Record<ReportCategoryKey, number>>,
  anonymousReportersByCategory: Partial<Record<ReportCategoryKey, number>> = {},
) {
  let legit = 0;
  let notLegit = 0;
  const add = (byCategory: Partial<Record<ReportCategoryKey, number>>, weight: number) => {
    for (const [category, count] of Object.entries(byCategory) as [ReportCategoryKey, number][]) {
      if (LEGIT_CATEGORIES.includes(category)) legit += count * weight;
      else if (BAD_CATEGORIES.includes(category)) notLegit += count * weight;
      else if (NUISANCE_CATEGORIES.includes(category)) notLegit += count * weight * THRESHOLDS.verdict.nuisanceWeight;
    }
  };
  add(reportersByCategory, 1);
  // Visitors' reports (proof of work, no account) weigh what a new member's vote does.
  add(anonymousReportersByCategory, THRESHOLDS.weights.TL0);
  return { legit, notLegit };
}

export type VerdictInput = {
  /** A verified claim (registry entry) for this number, if any. */
  verified: { organisationName: string; organisationSlug: string } | null;
  /**
   * An organisation callers claimed to be which has verified numbers that are not this one
   * (or a claim a moderator rejected as impersonation).
   */
  impersonated: { organisationName: string; organisationSlug: string; officialPhone: string | null } | null;
  votes: Legitimacy;
  /** Members (and imported complaints) who reported the number, each once, by category. */
  reportersByCategory: Partial<Record<ReportCategoryKey, number>>;
  /** Visitors who reported without an account (each address once per number), by category. */
  anonymousReportersByCategory?: Partial<Record<ReportCategoryKey, number>>;
};

export type VerdictKind = "VERIFIED" | "IMPERSONATION" | "LIKELY_LEGITIMATE" | "LIKELY_SCAM" | "DISPUTED" | "NOT_ENOUGH";

export type Verdict = {
  kind: VerdictKind;
  /** Combined evidence behind the community verdict. */
  legitBound: number;
  notLegitBound: number;
  evidence: number;
  /** Scam reports against a verified number suggest the caller spoofed it. */
  possiblySpoofed: boolean;
};

/**
 * DESIGN.md's precedence: verified → impersonation → votes and reports → not enough. "Disputed"
 * needs evidence on both sides; one-sided evidence below the confidence bar is "not enough".
 */
export function verdictFor(input: VerdictInput): Verdict {
  const reports = reportEvidence(input.reportersByCategory, input.anonymousReportersByCategory);
  const combined = fromWeights(input.votes.legitWeight + reports.legit, input.votes.notLegitWeight + reports.notLegit);
  const base = { legitBound: combined.legitBound, notLegitBound: combined.notLegitBound, evidence: combined.total };
  const badReporters = BAD_CATEGORIES.reduce((sum, category) => sum + (input.reportersByCategory[category] ?? 0), 0);
  if (input.verified) return { kind: "VERIFIED", ...base, possiblySpoofed: badReporters > 0 };
  if (input.impersonated) return { kind: "IMPERSONATION", ...base, possiblySpoofed: false };
  const { minEvidence, minBound } = THRESHOLDS.verdict;
  let kind: VerdictKind;
  if (combined.total < minEvidence) kind = "NOT_ENOUGH";
  else if (combined.legitBound >= minBound) kind = "LIKELY_LEGITIMATE";
  else if (combined.notLegitBound >= minBound) kind = "LIKELY_SCAM";
  // Unanimous but still too little to be confident (three scam reports) is not a dispute.
  else if (combined.legitWeight > 0 && combined.notLegitWeight > 0) kind = "DISPUTED";
  else kind = "NOT_ENOUGH";
  return { kind, ...base, possiblySpoofed: false };
}

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

export type BrigadeVote = { castAt: Date; weight: number; voterCreatedAt: Date };

/** Which brigading rules a claim's recent votes break (empty when none). */
export function brigadingSignals(recentVotes: BrigadeVote[], now: Date = new Date()): ("NEW_ACCOUNT_WEIGHT" | "VOTE_BURST")[] {
  const rule = THRESHOLDS.brigading;
  const signals: ("NEW_ACCOUNT_WEIGHT" | "VOTE_BURST")[] = [];
  const inWindow = recentVotes.filter((vote) => now.getTime() - vote.castAt.getTime() <= rule.windowHours * HOUR);
  const total = inWindow.reduce((sum, vote) => sum + vote.weight, 0);
  const fromNew = inWindow
    .filter((vote) => now.getTime() - vote.voterCreatedAt.getTime() < rule.newAccountDays * DAY)
    .reduce((sum, vote) => sum + vote.weight, 0);
  // At least a few new accounts, so one newcomer's vote on a quiet claim does not fill the queue.
  const newCount = inWindow.filter((vote) => now.getTime() - vote.voterCreatedAt.getTime() < rule.newAccountDays * DAY).length;
  if (total > 0 && fromNew / total > rule.newAccountShare && newCount >= rule.minNewAccounts) signals.push("NEW_ACCOUNT_WEIGHT");
  const burst = recentVotes.filter((vote) => now.getTime() - vote.castAt.getTime() <= rule.burstWindowMinutes * 60_000).length;
  if (burst > rule.burstVotes) signals.push("VOTE_BURST");
  return signals;
}
