// Pure rules for trust, vote weight and verdicts. No database: every threshold lives in THRESHOLDS,
// and the settings table (lib/settings.ts) may override them at run time.
import { isStaffRole } from "../accounts/roles";
import type { ReportCategoryKey } from "../display/labels";
import type { Role } from "../generated/prisma/enums";

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
    /** The lower bound of "it is really them" at which members confirm a claimed organisation. */
    confirmBound: 0.35,
  },
  // Five unanimous basic members (bound ≈ 0.57) pass; one dissent among six (≈ 0.44) does not.
  promotion: { minBound: 0.55, minVoters: 5, minOldestVoteHours: 48 },
  brigading: { windowHours: 24, newAccountDays: 7, newAccountShare: 0.5, minNewAccounts: 3, burstWindowMinutes: 60, burstVotes: 20 },
} as const;

export type TrustLevel = keyof typeof THRESHOLDS.weights;

export type TrustSubject = {
  role: Role;
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
  if (isStaffRole(user.role)) return "STAFF";
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

export type OrganisationRef = { organisationName: string; organisationSlug: string; officialPhone: string | null };

/** The organisation callers from this number claimed to be, when this number is not on its list. */
export type ClaimedInput = OrganisationRef & {
  /** The organisation has verified or published numbers, and this is not one of them. */
  hasVerifiedList: boolean;
  /** A moderator rejected the claim: a known impersonation. */
  rejected: boolean;
  /** Members' weighted votes on "is this really the organisation?". */
  votes: Legitimacy;
};

export type VerdictInput = {
  /** A verified or published claim (registry entry) for this number, if any. */
  verified: OrganisationRef | null;
  claimed: ClaimedInput | null;
  /** An organisation that publishes this number for customers to call (its callback line). */
  officialContact: OrganisationRef | null;
  /**
   * Reports of the unsafe practice: the "legitimate but unsafe" category, or callers asking for
   * security answers, passwords, one-time codes or card details. The rule only asks whether there are
   * any, so callers may pass a lower bound (lib/numbers/page.ts stops at the first such report).
   */
  unsafeReports: number;
  /** All weighted votes on the number, over every claim. */
  votes: Legitimacy;
  /** Members (and imported complaints) who reported the number, each once, by category. */
  reportersByCategory: Partial<Record<ReportCategoryKey, number>>;
  /** Visitors who reported without an account (each address once per number), by category. */
  anonymousReportersByCategory?: Partial<Record<ReportCategoryKey, number>>;
};

export type VerdictKind =
  | "VERIFIED"
  | "REAL_BUT_UNSAFE"
  | "IMPERSONATION"
  | "OFFICIAL_CONTACT"
  | "LIKELY_LEGITIMATE"
  | "LIKELY_SCAM"
  | "DISPUTED"
  | "NOT_ENOUGH";

/** Why an impersonation warning was given. */
export type ImpersonationReason = "REJECTED" | "NOT_ON_LIST" | "MEMBERS_SAY_NOT";

export type Verdict = {
  kind: VerdictKind;
  /** The organisation the verdict names (verified owner, the claimed one, or the publisher of a contact line). */
  organisation: OrganisationRef | null;
  impersonationReason: ImpersonationReason | null;
  /** Combined evidence behind the community verdict. */
  legitBound: number;
  notLegitBound: number;
  evidence: number;
  /** Scam reports against a verified number suggest the caller spoofed it. */
  possiblySpoofed: boolean;
};

/** Asked-for items that make a call unsafe when the organisation started it. */
export const UNSAFE_ASKS = ["SECURITY_ANSWERS", "PASSWORD_OR_PIN", "ONE_TIME_CODE", "CARD_OR_PAYMENT"] as const;

/**
 * Whether members confirm a claimed organisation: its votes plus the number's report evidence.
 * "Confirmed" is a lower bar than "likely legitimate": more say it is them than not, and the 95% lower
 * bound of that share reaches confirmBound (five of six agreeing does, 0.44; three of four does not, 0.30).
 * "Denied" is the full bar the other way.
 */
export function claimConfirmation(claimVotes: Legitimacy, reports: { legit: number; notLegit: number }) {
  const combined = fromWeights(claimVotes.legitWeight + reports.legit, claimVotes.notLegitWeight + reports.notLegit);
  const { minEvidence, minBound, confirmBound } = THRESHOLDS.verdict;
  const enough = combined.total >= minEvidence;
  return {
    confirmed: enough && combined.legitWeight > combined.notLegitWeight && combined.legitBound >= confirmBound,
    denied: enough && combined.notLegitBound >= minBound,
    combined,
  };
}

/**
 * DESIGN.md's precedence: verified → really them but unsafe → impersonation → official contact
 * number → votes and reports → not enough. "Disputed" needs evidence on both sides; one-sided
 * evidence below the confidence bar is "not enough".
 */
export function verdictFor(input: VerdictInput): Verdict {
  const reports = reportEvidence(input.reportersByCategory, input.anonymousReportersByCategory);
  const combined = fromWeights(input.votes.legitWeight + reports.legit, input.votes.notLegitWeight + reports.notLegit);
  const base = { legitBound: combined.legitBound, notLegitBound: combined.notLegitBound, evidence: combined.total, impersonationReason: null, possiblySpoofed: false };
  const badReporters = BAD_CATEGORIES.reduce(
    (sum, category) => sum + (input.reportersByCategory[category] ?? 0) + (input.anonymousReportersByCategory?.[category] ?? 0),
    0,
  );
  if (input.verified) return { ...base, kind: "VERIFIED", organisation: input.verified, possiblySpoofed: badReporters > 0 };

  const { claimed } = input;
  // The number is the claimed organisation's own published contact number: "not on its list" and "a number it
  // doesn't list" would both be untrue, and "call it back on <this number>" no advice. It is the official contact
  // verdict's case (its caller ID is what scammers fake), unless moderators rejected the claim.
  const ownContact = claimed && input.officialContact && !claimed.rejected && input.officialContact.organisationSlug === claimed.organisationSlug;
  if (claimed && !ownContact) {
    const organisation: OrganisationRef = { organisationName: claimed.organisationName, organisationSlug: claimed.organisationSlug, officialPhone: claimed.officialPhone };
    const { confirmed, denied } = claimConfirmation(claimed.votes, reports);
    if (!claimed.rejected && confirmed && input.unsafeReports > 0) return { ...base, kind: "REAL_BUT_UNSAFE", organisation };
    const reason: ImpersonationReason | null = claimed.rejected
      ? "REJECTED"
      : claimed.hasVerifiedList && !confirmed
        ? "NOT_ON_LIST"
        : denied
          ? "MEMBERS_SAY_NOT"
          : null;
    if (reason) return { ...base, kind: "IMPERSONATION", organisation, impersonationReason: reason };
  }
  if (input.officialContact) return { ...base, kind: "OFFICIAL_CONTACT", organisation: input.officialContact };

  const { minEvidence, minBound } = THRESHOLDS.verdict;
  let kind: VerdictKind;
  if (combined.total < minEvidence) kind = "NOT_ENOUGH";
  else if (combined.legitBound >= minBound) kind = "LIKELY_LEGITIMATE";
  else if (combined.notLegitBound >= minBound) kind = "LIKELY_SCAM";
  // Unanimous but still too little to be confident (three scam reports) is not a dispute.
  else if (combined.legitWeight > 0 && combined.notLegitWeight > 0) kind = "DISPUTED";
  else kind = "NOT_ENOUGH";
  return { ...base, kind, organisation: claimed && kind !== "NOT_ENOUGH" ? claimedRef(claimed) : null };
}

const claimedRef = (claimed: ClaimedInput): OrganisationRef => ({
  organisationName: claimed.organisationName,
  organisationSlug: claimed.organisationSlug,
  officialPhone: claimed.officialPhone,
});
