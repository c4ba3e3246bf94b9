import "server-only";
import type { ReportCategory } from "../generated/prisma/enums";
import { cacheTags } from "../platform/data-cache";
import { db, dbRead } from "../platform/db";
import { keptLegitimacy } from "../trust/kept";
import { contentVisibility, type ContentVisibility } from "../trust/privacy";
import { UNSAFE_ASKS, verdictFor, type Legitimacy, type Verdict, type VerdictInput } from "../trust/rules";
import { chartSeries, type ChartSeries } from "./chart";
import { organisationSelect, statusRank, sumLegitimacy, toClaimed, type ClaimedOrganisation, type NamedOrganisation } from "./claims";
import { formatE164, normalisePhone, type PhoneType } from "./phone";
import { REPORT_ORDER, reportSelect, toNumberReport, type NumberReport } from "./report-list";
import type { NumberViewer } from "./visibility";

export const LATEST_REPORTS = 10;

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
  /** Whether visitors without an account reported it too: `counts.reporters` counts members only. */
  visitorReports: boolean;
  firstReportedAt: Date | null;
  lastReportedAt: Date | null;
  categories: { category: ReportCategory; reports: number; reporters: number }[];
  chart: ChartSeries;
  /** Every claim on the number, organisation-less one included (for the vote total). */
  claimIds: string[];
  organisations: ClaimedOrganisation[];
  verified: ClaimedOrganisation | null;
  /** The organisation callers claimed to be, when the number is not on its list (the verdict weighs it). */
  claimed: ClaimedOrganisation | null;
  /** Set when the verdict is an impersonation warning: the organisation being impersonated. */
  impersonated: ClaimedOrganisation | null;
  /** The organisation that publishes this number for customers to call, if any. */
  officialContact: NamedOrganisation | null;
  /** The organisation the verdict names, with its calling policy. */
  named: NamedOrganisation | null;
  /** The claim the number's one vote panel asks about (null: the organisation-less claim, not created yet). */
  voteClaimId: string | null;
  latestReports: NumberReport[];
  /** Older reports exist than the latest shown (the list links to them). */
  moreReports: boolean;
  visibility: ContentVisibility;
  votes: Legitimacy;
  verdict: Verdict;
};

/**
 * Everything a number's page and the lookup API show, from counters and indexed rows: one round
 * trip of parallel reads, plus the vote rows when the number has votes. `e164` must be canonical.
 */
export async function getNumberPage(e164: string, viewer: NumberViewer, options: { reports?: number; now?: Date; replica?: boolean; chart?: boolean } = {}): Promise<NumberPage> {
  // replica: the caller tolerates a little replication lag (the public API); see lib/platform/db.ts.
  const read = options.replica ? dbRead : db;
  const now = options.now ?? new Date();
  const take = options.reports ?? LATEST_REPORTS;
  // The number with its category and week counters and its claims: one statement (relations load as
  // joins); every one of them needs the number's row, so an unknown number has none.
  const [row, reportRows, contactRows] = await Promise.all([
    read.phoneNumber.findUnique({
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
        categoryStats: { select: { category: true, reports: true, reporters: true, anonymousReporters: true } },
        // chart: false (the feeds' verdict, which has no chart) skips a row per week reported.
        weekStats: options.chart === false ? false : { select: { weekStart: true, reports: true }, orderBy: { weekStart: "asc" } },
        claims: {
          select: {
            id: true,
            status: true,
            reportCount: true,
            legitVotes: true,
            notLegitVotes: true,
            legitScaled: true,
            notLegitScaled: true,
            evidenceMethod: true,
            evidenceSource: true,
            verifiedAt: true,
            reviewAt: true,
            organisation: { select: organisationSelect },
          },
        },
      },
    }),
    // One more than shown: whether older reports exist (the list links to them).
    take > 0
      ? read.report.findMany({ where: { e164, hiddenAt: null }, orderBy: REPORT_ORDER, take: take + 1, select: reportSelect })
      : Promise.resolve([]),
    // Published callback lines (directory data) and organisations' main call-back numbers.
    read.organisation.findMany({
      where: { status: "ACTIVE", OR: [{ officialPhone: e164 }, { contactNumbers: { some: { e164 } } }] },
      select: organisationSelect,
      orderBy: [{ reportCount: "desc" }, { name: "asc" }],
      take: 1,
    }),
  ]);
  const categoryRows = row?.categoryStats ?? [];
  const weekRows = row?.weekStats ?? [];
  const claimRows = row?.claims ?? [];

  // Kept weighted sums (lib/trust/kept.ts): the same figures as recomputing from the vote rows.
  const legitimacyByClaim = new Map(claimRows.map((claim) => [claim.id, keptLegitimacy(claim, now)]));
  const votes = sumLegitimacy([...legitimacyByClaim.values()]);

  const organisations: ClaimedOrganisation[] = claimRows
    .flatMap((claim) => (claim.organisation ? [toClaimed(claim, claim.organisation)] : []))
    .sort((a, b) => statusRank(a.status) - statusRank(b.status) || b.reportCount - a.reportCount || a.organisation.name.localeCompare(b.organisation.name));
  const verified = organisations.find((claim) => claim.status === "VERIFIED") ?? null;
  // The organisation callers named, when this number is not on its list: a rejected claim first
  // (known impersonation), then the most reported.
  const claimed = verified ? null : (organisations.find((claim) => claim.status !== "VERIFIED") ?? null);
  const officialContact = contactRows[0] ?? null;

  const reportersByCategory: VerdictInput["reportersByCategory"] = {};
  for (const stat of categoryRows) if (stat.reporters > 0) reportersByCategory[stat.category] = stat.reporters;
  const anonymousReportersByCategory: VerdictInput["reportersByCategory"] = {};
  for (const stat of categoryRows) if (stat.anonymousReporters > 0) anonymousReportersByCategory[stat.category] = stat.anonymousReporters;
  // Only a claimed organisation can be "really them, but unsafe", and the rule only asks whether any
  // report says so: the unsafe-practice category (a kept counter), else one report asking for security
  // answers, passwords, codes or card details — found with a LIMIT 1 read, not a count of every report.
  const needsUnsafeAsk = claimed !== null && claimed.status !== "REJECTED" && !reportersByCategory.LEGITIMATE_UNSAFE;
  const unsafeAsk = needsUnsafeAsk
    ? await read.report.findFirst({ where: { e164, hiddenAt: null, askedFor: { hasSome: [...UNSAFE_ASKS] } }, select: { id: true } })
    : null;
  const ref = (organisation: NamedOrganisation) => ({ organisationName: organisation.name, organisationSlug: organisation.slug, officialPhone: organisation.officialPhone });
  const verdict = verdictFor({
    verified: verified && ref(verified.organisation),
    claimed: claimed && {
      ...ref(claimed.organisation),
      hasVerifiedList: claimed.organisation.verifiedNumberCount > 0,
      rejected: claimed.status === "REJECTED",
      votes: legitimacyByClaim.get(claimed.claimId) ?? sumLegitimacy([]),
    },
    officialContact: officialContact && ref(officialContact),
    unsafeReports: (reportersByCategory.LEGITIMATE_UNSAFE ?? 0) + (unsafeAsk ? 1 : 0),
    votes,
    reportersByCategory,
    anonymousReportersByCategory,
  });
  const named =
    verdict.organisation === null
      ? null
      : ([verified?.organisation, claimed?.organisation, officialContact].find((organisation) => organisation?.slug === verdict.organisation?.organisationSlug) ?? null);
  const orgless = claimRows.find((claim) => !claim.organisation);

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
    visitorReports: categoryRows.some((stat) => stat.anonymousReporters > 0),
    firstReportedAt: row?.firstReportedAt ?? null,
    lastReportedAt: row?.lastReportedAt ?? null,
    categories: categoryRows.filter((stat) => stat.reports > 0).map(({ category, reports, reporters }) => ({ category, reports, reporters })).sort((a, b) => b.reports - a.reports || b.reporters - a.reporters),
    chart: chartSeries(weekRows, now),
    claimIds: claimRows.map((claim) => claim.id),
    organisations,
    verified,
    claimed,
    impersonated: verdict.kind === "IMPERSONATION" ? claimed : null,
    officialContact,
    named,
    voteClaimId: verified?.claimId ?? claimed?.claimId ?? orgless?.id ?? null,
    latestReports: reportRows.slice(0, take).map((report) => toNumberReport(report, visibility.visible)),
    moreReports: reportRows.length > take,
    visibility,
    votes,
    verdict,
  };
}

export function numberPageTags(page: NumberPage): string[] {
  const organisationIds = [...page.organisations.map((claim) => claim.organisation.id), page.officialContact?.id, page.named?.id];
  return [
    cacheTags.number(page.e164),
    ...page.claimIds.map(cacheTags.claim),
    ...organisationIds.filter((id): id is string => !!id).map(cacheTags.organisation),
  ];
}
