import "server-only";
import { cached, cacheTags } from "../platform/data-cache";
import { db } from "../platform/db";
import { Prisma } from "../generated/prisma/client";
import type { OrgCategory } from "../generated/prisma/enums";
import { fuzzyMatch, rankedMatches, searchTerm, typoTolerance, visibleTo, type SearchViewer } from "./search";

export const DIRECTORY_PAGE_SIZE = 20;
export const DIRECTORY_SEARCH_LIMIT = 200;
const RECENT_DAYS = 90;

export type DirectoryFilters = { q?: string; category?: OrgCategory; country?: string; page?: number; viewer?: SearchViewer; region?: string | null };

/**
 * One page of the directory: the region's organisations first (the default region, or the one asked
 * for), then the rest; a search ranks like the type-ahead's candidates. Proposals not yet reviewed are
 * listed only for their proposer and staff. Recent report counts are one grouped query over
 * Report(organisationId, createdAt) for the organisations on this page only.
 */
export async function listOrganisations(filters: DirectoryFilters) {
  const term = searchTerm(filters.q ?? "");
  const page = Math.max(1, Math.floor(filters.page ?? 1));
  const region = filters.region ?? null;
  const conditions: Prisma.Sql[] = [visibleTo(filters.viewer ?? null)];
  if (filters.category) conditions.push(Prisma.sql`category = ${filters.category}::"OrgCategory"`);
  if (filters.country) conditions.push(Prisma.sql`country = ${filters.country}`);
  const filtered = Prisma.join(conditions, " AND ");
  const offset = (page - 1) * DIRECTORY_PAGE_SIZE;

  let ids: { id: string }[];
  let total: number;
  let ranked: number | null = null;
  if (term.length >= 2) {
    // A search is ranked like the type-ahead; its best DIRECTORY_SEARCH_LIMIT matches are listed.
    const [matches, [count]] = await Promise.all([
      rankedMatches(term, filtered, region, DIRECTORY_SEARCH_LIMIT),
      db.$transaction([typoTolerance(), db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Organisation" WHERE ${filtered} AND ${fuzzyMatch(term)}`]).then(([, rows]) => rows),
    ]);
    ids = matches.slice(offset, offset + DIRECTORY_PAGE_SIZE);
    total = count.total;
    ranked = matches.length;
  } else {
    [ids, [{ total }]] = await db.$transaction([
      db.$queryRaw<{ id: string }[]>`SELECT id FROM "Organisation" WHERE ${filtered}
        ORDER BY coalesce(country = ${region ?? ""}, false) DESC, "verifiedNumberCount" DESC, "reportCount" DESC, name ASC
        LIMIT ${DIRECTORY_PAGE_SIZE} OFFSET ${offset}`,
      db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Organisation" WHERE ${filtered}`,
    ]);
  }
  const idList = ids.map((row) => row.id);
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000);
  const [rows, recent] = await Promise.all([
    db.organisation.findMany({
      where: { id: { in: idList } },
      select: { id: true, slug: true, name: true, status: true, category: true, country: true, domains: true, verifiedNumberCount: true, reportCount: true },
    }),
    idList.length
      ? db.report.groupBy({ by: ["organisationId"], where: { organisationId: { in: idList }, createdAt: { gte: since } }, _count: { _all: true } })
      : Promise.resolve([]),
  ]);
  const recentBy = new Map(recent.map((row) => [row.organisationId, row._count._all]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const organisations = idList.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, recentReportCount: recentBy.get(id) ?? 0 }] : [];
  });
  const listed = ranked ?? total;
  return { organisations, total, listed, page, pageCount: Math.max(1, Math.ceil(listed / DIRECTORY_PAGE_SIZE)), recentDays: RECENT_DAYS };
}

/** listOrganisationCountries through the data cache (the registry's, directory's and safe-calling filter). */
export function listCachedOrganisationCountries(): Promise<string[]> {
  return cached("organisation-countries", [cacheTags.registry], listOrganisationCountries);
}

/** Countries that have at least one listed organisation, for the directory's filter. */
export async function listOrganisationCountries(): Promise<string[]> {
  const rows = await db.organisation.groupBy({ by: ["country"], where: { status: { in: ["ACTIVE", "PROPOSED"] }, country: { not: null } } });
  return rows.map((row) => row.country!).sort();
}

const CLAIM_LIST_LIMIT = 50;

/**
 * The lists' cursors carry the sort values of the last claim shown, not only its id: the next page starts where
 * the reader left off even when that claim has since moved (a new report, a vote) or gone — with Prisma's id
 * cursor the page after a moved claim jumped to wherever it moved, and after a gone one was empty.
 * Verified: `<verifiedAt ms or n>~<id>`; claimed: `<reportCount>~<updatedAt ms>~<id>`. Anything else starts from the top.
 */
const VERIFIED_CURSOR = /^(\d{1,15}|n)~([A-Za-z0-9_-]{1,64})$/;
const CLAIMED_CURSOR = /^(\d{1,9})~(\d{1,15})~([A-Za-z0-9_-]{1,64})$/;

function verifiedAfterWhere(after: string | undefined) {
  const match = after ? VERIFIED_CURSOR.exec(after) : null;
  if (!match) return {};
  // Claims without a verification time (none in practice) come last, "n" in the cursor.
  if (match[1] === "n") return { verifiedAt: null, id: { lt: match[2] } };
  const at = new Date(Number(match[1]));
  return { OR: [{ verifiedAt: { lt: at } }, { verifiedAt: at, id: { lt: match[2] } }, { verifiedAt: null }] };
}

function claimedAfterWhere(after: string | undefined) {
  const match = after ? CLAIMED_CURSOR.exec(after) : null;
  if (!match) return {};
  const [reports, at, id] = [Number(match[1]), new Date(Number(match[2])), match[3]];
  return { OR: [{ reportCount: { lt: reports } }, { reportCount: reports, updatedAt: { lt: at } }, { reportCount: reports, updatedAt: at, id: { lt: id } }] };
}

const verifiedCursor = (claim: { verifiedAt: Date | null; id: string }) => `${claim.verifiedAt?.getTime() ?? "n"}~${claim.id}`;
const claimedCursor = (claim: { reportCount: number; updatedAt: Date; id: string }) => `${claim.reportCount}~${claim.updatedAt.getTime()}~${claim.id}`;

/**
 * Everything the organisation page shows, or `{ redirectTo }` for a merged organisation.
 * Reputation sums every report and vote across all numbers claimed to be it, so an organisation that
 * calls from a new mobile every day is still recognisable.
 */
export async function getOrganisationPage(slug: string, pages: { verifiedAfter?: string; claimedAfter?: string } = {}) {
  const org = await db.organisation.findUnique({
    where: { slug },
    select: {
      id: true, slug: true, name: true, acronym: true, aliases: true, domains: true, website: true, category: true, country: true,
      description: true, officialPhone: true, policyCallsFrom: true, policyMayAsk: true, policyNeverAsks: true, policyHowToVerify: true,
      status: true, sourceUrl: true, sourceCredit: true, verifiedNumberCount: true, reportCount: true, createdAt: true,
      mergedInto: { select: { slug: true } },
    },
  });
  if (!org) return null;
  if (org.status === "MERGED") return org.mergedInto ? { redirectTo: org.mergedInto.slug } : null;

  const claimSelect = {
    id: true, e164: true, status: true, legitVotes: true, notLegitVotes: true, reportCount: true, createdAt: true, updatedAt: true,
    evidenceMethod: true, evidenceSource: true, verifiedAt: true, reviewAt: true, statusReason: true, label: true, retiresAt: true,
    number: { select: { type: true, lastReportedAt: true } },
  } as const;
  const [verified, claimed, claimedTotal, recentReports, categoryMix, askedMix, votes] = await Promise.all([
    // Both lists are bounded pages; the cursor is the last claim id shown (Prisma's keyset cursor).
    db.claim.findMany({
      where: { organisationId: org.id, status: "VERIFIED", ...verifiedAfterWhere(pages.verifiedAfter) },
      orderBy: [{ verifiedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      take: CLAIM_LIST_LIMIT + 1,
      select: claimSelect,
    }),
    db.claim.findMany({
      where: { organisationId: org.id, status: { not: "VERIFIED" }, ...claimedAfterWhere(pages.claimedAfter) },
      orderBy: [{ reportCount: "desc" }, { updatedAt: "desc" }, { id: "desc" }],
      take: CLAIM_LIST_LIMIT + 1,
      select: claimSelect,
    }),
    db.claim.count({ where: { organisationId: org.id, status: { not: "VERIFIED" } } }),
    db.report.findMany({
      ...recentReportsOf(org.id),
      select: {
        id: true, e164: true, category: true, askedFor: true, channel: true, occurredAt: true, createdAt: true, body: true,
        number: { select: { reporterCount: true, contentHiddenAt: true, contentHiddenReason: true, claims: { where: { status: "VERIFIED" }, select: { id: true }, take: 1 } } },
      },
    }),
    // Kept breakdowns (updated in each report's transaction): a few rows, however many reports.
    db.organisationCategoryStat.findMany({ where: { organisationId: org.id }, select: { category: true, reports: true } }),
    db.organisationAskedStat
      .findMany({ where: { organisationId: org.id }, select: { askedFor: true, reports: true }, orderBy: { reports: "desc" } })
      .then((rows) => rows.map((row) => ({ item: row.askedFor as string, n: row.reports }))),
    // Its claims' vote sums, and how many of its numbers have reports naming it (verified numbers without any do not count).
    db.$queryRaw<{ claims: number; reported: number; legit: number; notLegit: number }[]>`
      SELECT count(*)::int AS claims, count(*) FILTER (WHERE "reportCount" > 0)::int AS reported,
             COALESCE(sum("legitVotes"), 0)::int AS legit, COALESCE(sum("notLegitVotes"), 0)::int AS "notLegit"
        FROM "Claim" WHERE "organisationId" = ${org.id}`.then((rows) => rows[0] ?? { claims: 0, reported: 0, legit: 0, notLegit: 0 }),
  ]);
  const [contactNumbers, sources] = await Promise.all([
    db.organisationContactNumber.findMany({ where: { organisationId: org.id }, orderBy: [{ createdAt: "asc" }, { e164: "asc" }], select: { e164: true, purpose: true, sourceUrl: true, sourceTitle: true } }),
    db.organisationSource.findMany({ where: { organisationId: org.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { url: true, title: true, excerpt: true } }),
  ]);
  const { mergedInto: _merged, ...organisation } = org;
  return {
    organisation,
    verified: verified.slice(0, CLAIM_LIST_LIMIT),
    nextVerified: verified.length > CLAIM_LIST_LIMIT ? verifiedCursor(verified[CLAIM_LIST_LIMIT - 1]) : null,
    claimed: claimed.slice(0, CLAIM_LIST_LIMIT),
    nextClaimed: claimed.length > CLAIM_LIST_LIMIT ? claimedCursor(claimed[CLAIM_LIST_LIMIT - 1]) : null,
    claimedTotal,
    recentReports,
    contactNumbers,
    sources,
    reputation: {
      /** Numbers claimed to be it, verified or not (the API's reputation.numbers). */
      numbers: votes.claims,
      /** Of those, the numbers with reports naming it ("3 reports naming it, across 2 numbers"). */
      reportedNumbers: votes.reported,
      reports: categoryMix.reduce((sum, row) => sum + row.reports, 0),
      categories: categoryMix.map((row) => ({ category: row.category, count: row.reports })).sort((a, b) => b.count - a.count),
      askedFor: askedMix,
      legitVotes: votes.legit,
      notLegitVotes: votes.notLegit,
    },
  };
}

export type OrganisationPage = Exclude<Awaited<ReturnType<typeof getOrganisationPage>>, { redirectTo: string } | null>;

/** For a form prefilled from an organisation page: an active or proposed organisation's id and name. */
export async function getOrganisationRef(slug: string): Promise<{ id: string; name: string } | null> {
  return db.organisation.findFirst({ where: { slug, status: { in: ["ACTIVE", "PROPOSED"] } }, select: { id: true, name: true } });
}

/** The reports an organisation's page lists under "Recent reports that named it": its newest ten shown. */
const recentReportsOf = (organisationId: string) =>
  ({ where: { organisationId, hiddenAt: null }, orderBy: { createdAt: "desc" }, take: 10 }) satisfies Prisma.ReportFindManyArgs;

/**
 * The texts of the reports an organisation's page lists, by report id, whatever each number's privacy rule:
 * for staff only (GET /api/me fills them into the kept page, which shows them to nobody else).
 */
export async function recentReportTexts(organisationId: string): Promise<Record<string, string | null>> {
  const rows = await db.report.findMany({ ...recentReportsOf(organisationId), select: { id: true, body: true } });
  return Object.fromEntries(rows.map((row) => [row.id, row.body]));
}
