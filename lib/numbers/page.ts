import "server-only";
import type { ClaimStatus, EvidenceMethod, ReportCategory } from "../generated/prisma/enums";
import { db } from "../platform/db";
import { getClaimLegitimacy } from "../trust/legitimacy";
import { chartSeries, type ChartSeries } from "./chart";
import { formatE164, normalisePhone, type PhoneType } from "./phone";
import { contentVisibility, type ContentVisibility } from "../trust/privacy";
import { verdictFor, wilsonLowerBound, type Legitimacy, type Verdict, type VerdictInput } from "../trust/rules";

export const LATEST_REPORTS = 10;

export type NumberViewer = { role: "USER" | "MODERATOR" | "ADMIN" } | null;

const organisationSelect = { id: true, name: true, slug: true, officialPhone: true, verifiedNumberCount: true, status: true } as const;

export type ClaimedOrganisation = {
  claimId: string;
  status: ClaimStatus;
  reportCount: number;
  legitVotes: number;
  notLegitVotes: number;
  organisation: { id: string; name: string; slug: string; officialPhone: string | null; verifiedNumberCount: number };
  evidence: { method: EvidenceMethod; source: string | null; verifiedAt: Date | null; reviewAt: Date | null } | null;
};

export type NumberReport = {
  id: string;
  occurredAt: Date;
  channel: "CALL" | "SMS" | "VOICEMAIL";
  category: ReportCategory;
  askedFor: string[];
  leftMessage: boolean | null;
  organisation: { name: string; slug: string } | null;
  /** Null when the number's texts are not visible to this viewer. */
  body: string | null;
  callerIdName: string | null;
};

export type NumberPage = {
  e164: string;
  national: string;
  international: string;
  type: PhoneType;
  country: string | null;
  countryName: string | null;
  /** False for a number nobody has reported, voted on or listed: it still gets a page. */
  known: boolean;
  counts: { reports: number; reporters: number; comments: number; watches: number };
  firstReportedAt: Date | null;
  lastReportedAt: Date | null;
  categories: { category: ReportCategory; reports: number; reporters: number }[];
  chart: ChartSeries;
  /** Every claim on the number, organisation-less one included (for the vote total). */
  claimIds: string[];
  organisations: ClaimedOrganisation[];
  verified: ClaimedOrganisation | null;
  impersonated: ClaimedOrganisation | null;
  latestReports: NumberReport[];
  visibility: ContentVisibility;
  votes: Legitimacy;
  verdict: Verdict;
};

/**
 * Everything a number's page and the lookup API show, from counters and indexed rows: one round
 * trip of parallel reads, plus the vote rows when the number has votes. `e164` must be canonical.
 */
export async function getNumberPage(e164: string, viewer: NumberViewer, options: { reports?: number; now?: Date } = {}): Promise<NumberPage> {
  const now = options.now ?? new Date();
  const take = options.reports ?? LATEST_REPORTS;
  const [row, categoryRows, weekRows, claimRows, reportRows] = await Promise.all([
    db.phoneNumber.findUnique({
      where: { e164 },
      select: {
        reportCount: true,
        reporterCount: true,
        commentCount: true,
        watchCount: true,
        firstReportedAt: true,
        lastReportedAt: true,
        contentHiddenAt: true,
        contentHiddenReason: true,
      },
    }),
    db.numberCategoryStat.findMany({ where: { e164 }, select: { category: true, reports: true, reporters: true, anonymousReporters: true } }),
    db.numberWeekStat.findMany({ where: { e164 }, select: { weekStart: true, reports: true }, orderBy: { weekStart: "asc" } }),
    db.claim.findMany({
      where: { e164 },
      select: {
        id: true,
        status: true,
        reportCount: true,
        legitVotes: true,
        notLegitVotes: true,
        evidenceMethod: true,
        evidenceSource: true,
        verifiedAt: true,
        reviewAt: true,
        organisation: { select: organisationSelect },
      },
    }),
    take > 0
      ? db.report.findMany({
          where: { e164, hiddenAt: null },
          orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
          take,
          select: {
            id: true,
            occurredAt: true,
            channel: true,
            category: true,
            askedFor: true,
            leftMessage: true,
            body: true,
            callerIdName: true,
            organisation: { select: { name: true, slug: true } },
          },
        })
      : Promise.resolve([]),
  ]);

  const hasVotes = claimRows.some((claim) => claim.legitVotes + claim.notLegitVotes > 0);
  const legitimacyByClaim = hasVotes ? await getClaimLegitimacy(claimRows.map((claim) => claim.id), now) : new Map<string, Legitimacy>();
  const votes = sumLegitimacy([...legitimacyByClaim.values()]);

  const organisations: ClaimedOrganisation[] = claimRows
    .flatMap((claim) => (claim.organisation ? [toClaimed(claim, claim.organisation)] : []))
    .sort((a, b) => statusRank(a.status) - statusRank(b.status) || b.reportCount - a.reportCount || a.organisation.name.localeCompare(b.organisation.name));
  const verified = organisations.find((claim) => claim.status === "VERIFIED") ?? null;
  // Callers claimed to be an organisation whose verified numbers do not include this one.
  const impersonated =
    organisations.find((claim) => claim.status === "REJECTED") ??
    organisations.find((claim) => claim.status !== "VERIFIED" && claim.organisation.verifiedNumberCount > 0) ??
    null;

  const reportersByCategory: VerdictInput["reportersByCategory"] = {};
  for (const stat of categoryRows) if (stat.reporters > 0) reportersByCategory[stat.category] = stat.reporters;
  const anonymousReportersByCategory: VerdictInput["reportersByCategory"] = {};
  for (const stat of categoryRows) if (stat.anonymousReporters > 0) anonymousReportersByCategory[stat.category] = stat.anonymousReporters;
  const verdict = verdictFor({
    verified: verified && { organisationName: verified.organisation.name, organisationSlug: verified.organisation.slug },
    impersonated: impersonated && {
      organisationName: impersonated.organisation.name,
      organisationSlug: impersonated.organisation.slug,
      officialPhone: impersonated.organisation.officialPhone,
    },
    votes,
    reportersByCategory,
    anonymousReportersByCategory,
  });

  const visibility = contentVisibility(
    {
      reporterCount: row?.reporterCount ?? 0,
      hasVerifiedClaim: !!verified,
      contentHiddenAt: row?.contentHiddenAt ?? null,
      contentHiddenReason: row?.contentHiddenReason ?? null,
    },
    viewer,
  );

  const parsed = normalisePhone(e164);
  const display = parsed.ok ? parsed.phone : { ...formatE164(e164), type: "UNKNOWN" as const, country: null, countryName: null };
  return {
    e164,
    national: display.national,
    international: display.international,
    type: display.type,
    country: display.country,
    countryName: display.countryName,
    known: !!row,
    counts: { reports: row?.reportCount ?? 0, reporters: row?.reporterCount ?? 0, comments: row?.commentCount ?? 0, watches: row?.watchCount ?? 0 },
    firstReportedAt: row?.firstReportedAt ?? null,
    lastReportedAt: row?.lastReportedAt ?? null,
    categories: categoryRows.filter((stat) => stat.reports > 0).map(({ category, reports, reporters }) => ({ category, reports, reporters })).sort((a, b) => b.reports - a.reports || b.reporters - a.reporters),
    chart: chartSeries(weekRows, now),
    claimIds: claimRows.map((claim) => claim.id),
    organisations,
    verified,
    impersonated,
    latestReports: reportRows.map((report) => ({
      id: report.id,
      occurredAt: report.occurredAt,
      channel: report.channel,
      category: report.category,
      askedFor: report.askedFor,
      leftMessage: report.leftMessage,
      organisation: report.organisation,
      body: visibility.visible ? report.body : null,
      callerIdName: visibility.visible ? report.callerIdName : null,
    })),
    visibility,
    votes,
    verdict,
  };
}

type ClaimRow = {
  id: string;
  status: ClaimStatus;
  reportCount: number;
  legitVotes: number;
  notLegitVotes: number;
  evidenceMethod: EvidenceMethod | null;
  evidenceSource: string | null;
  verifiedAt: Date | null;
  reviewAt: Date | null;
};

function toClaimed(claim: ClaimRow, organisation: ClaimedOrganisation["organisation"]): ClaimedOrganisation {
  return {
    claimId: claim.id,
    status: claim.status,
    reportCount: claim.reportCount,
    legitVotes: claim.legitVotes,
    notLegitVotes: claim.notLegitVotes,
    organisation: {
      id: organisation.id,
      name: organisation.name,
      slug: organisation.slug,
      officialPhone: organisation.officialPhone,
      verifiedNumberCount: organisation.verifiedNumberCount,
    },
    evidence:
      claim.status === "VERIFIED" && claim.evidenceMethod
        ? { method: claim.evidenceMethod, source: claim.evidenceSource, verifiedAt: claim.verifiedAt, reviewAt: claim.reviewAt }
        : null,
  };
}

const STATUS_ORDER: ClaimStatus[] = ["VERIFIED", "REJECTED", "UNVERIFIED", "REVOKED"];
const statusRank = (status: ClaimStatus) => STATUS_ORDER.indexOf(status);

/** The weighted votes over all of a number's claims, read through the Wilson bound again. */
export function sumLegitimacy(parts: Legitimacy[]): Legitimacy {
  const legitWeight = parts.reduce((sum, part) => sum + part.legitWeight, 0);
  const notLegitWeight = parts.reduce((sum, part) => sum + part.notLegitWeight, 0);
  const total = legitWeight + notLegitWeight;
  return { legitWeight, notLegitWeight, total, legitBound: wilsonLowerBound(legitWeight, total), notLegitBound: wilsonLowerBound(notLegitWeight, total) };
}

/** Numbers and organisations for the sitemap: indexed reads, capped. */
export async function listSitemapEntries(limit = 50_000) {
  const [numbers, organisations] = await Promise.all([
    db.phoneNumber.findMany({
      where: { reportCount: { gte: 2 }, contentHiddenAt: null },
      orderBy: { reportCount: "desc" },
      take: limit,
      select: { e164: true, lastReportedAt: true },
    }),
    db.organisation.findMany({ where: { status: "ACTIVE" }, select: { slug: true, updatedAt: true }, orderBy: { name: "asc" }, take: limit }),
  ]);
  return { numbers, organisations };
}
