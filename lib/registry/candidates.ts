import "server-only";
import { db } from "../platform/db";
import { getTrustLevels } from "../trust/legitimacy";
import { isPromotable, MIN_VOTES_FOR_CANDIDATE, summariseCandidate, type CandidateSummary } from "./candidate-rules";

export type PromotionCandidate = {
  id: string;
  e164: string;
  organisation: { id: string; name: string; slug: string; officialPhone: string | null };
  createdAt: Date;
  summary: CandidateSummary;
  reports: { id: string; category: string; body: string | null; createdAt: Date; hiddenAt: Date | null }[];
  reportCount: number;
};

/** Bounded: looks at the most-voted UNVERIFIED claims only. */
const SCAN_LIMIT = 300;

/** UNVERIFIED claims with an active organisation that pass isPromotable, best supported first. */
export async function listPromotionCandidates(now: Date = new Date()): Promise<PromotionCandidate[]> {
  const claims = await db.claim.findMany({
    where: { status: "UNVERIFIED", organisationId: { not: null }, organisation: { status: "ACTIVE" }, legitVotes: { gte: MIN_VOTES_FOR_CANDIDATE } },
    orderBy: [{ legitVotes: "desc" }, { createdAt: "asc" }],
    take: SCAN_LIMIT,
    select: {
      id: true,
      e164: true,
      createdAt: true,
      reportCount: true,
      organisation: { select: { id: true, name: true, slug: true, officialPhone: true } },
    },
  });
  if (claims.length === 0) return [];
  const votes = await db.vote.findMany({
    where: { claimId: { in: claims.map((c) => c.id) } },
    select: { claimId: true, userId: true, legitimate: true, updatedAt: true, user: { select: { createdAt: true } } },
  });
  const levels = await getTrustLevels(votes.map((v) => v.userId), now);
  const candidates: Omit<PromotionCandidate, "reports">[] = [];
  for (const claim of claims) {
    const own = votes
      .filter((v) => v.claimId === claim.id)
      .map((v) => ({ userId: v.userId, legitimate: v.legitimate, castAt: v.updatedAt, voterCreatedAt: v.user.createdAt }));
    const summary = summariseCandidate({ status: "UNVERIFIED", hasOrganisation: true }, own, levels, now);
    if (isPromotable(summary, now) && claim.organisation) candidates.push({ ...claim, organisation: claim.organisation, summary });
  }
  const reports = await db.report.findMany({
    where: { claimId: { in: candidates.map((c) => c.id) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, claimId: true, category: true, body: true, createdAt: true, hiddenAt: true },
  });
  return candidates
    .sort((a, b) => b.summary.legitBound - a.summary.legitBound)
    .map((c) => ({ ...c, reports: reports.filter((r) => r.claimId === c.id).slice(0, 5) }));
}

/** What the evidence form shows about the claim being promoted. */
export async function getClaimForModeration(claimId: string) {
  return db.claim.findUnique({
    where: { id: claimId },
    select: {
      id: true,
      e164: true,
      status: true,
      legitVotes: true,
      notLegitVotes: true,
      reportCount: true,
      organisation: { select: { id: true, name: true, slug: true, status: true, website: true } },
    },
  });
}
