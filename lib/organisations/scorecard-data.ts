import "server-only";
import { cached, cacheTags } from "../platform/data-cache";
import { db } from "../platform/db";
import { Prisma } from "../generated/prisma/client";
import type { OrgCategory } from "../generated/prisma/enums";
import { compareScorecards, scorecard, type DeclaredPolicy, type ReportedPractice, type Scorecard } from "./scorecard";

// Reads for the safe-calling scorecard: the declared policy from Organisation, and two counts from
// reports. The grading itself is the pure lib/organisations/scorecard.ts.

const SENSITIVE = ["PASSWORD_OR_PIN", "SECURITY_ANSWERS", "ONE_TIME_CODE", "CARD_OR_PAYMENT"];

type Row = DeclaredPolicy & { id: string; slug: string; name: string; category: OrgCategory; country: string | null; unsafeReports: number; sensitiveAsksOnVerified: number };

const policyColumns = Prisma.sql`o."policyListedNumbersOnly", o."policyVoicemailNamesListed", o."policyAsksPassword", o."policyAsksSecurityAnswers",
  o."policyAsksOneTimeCode", o."policyAsksCardDetails", o."policyVerifyCallBack", o."policyVerifyReference", o."policyUrl"`;

/** Counts per organisation, for the organisations in `where` (a condition on o). */
function rowsQuery(where: Prisma.Sql, limit: number) {
  return db.$queryRaw<Row[]>`
    SELECT o.id, o.slug, o.name, o.category, o.country, ${policyColumns},
           coalesce(u.n, 0)::int AS "unsafeReports", coalesce(s.n, 0)::int AS "sensitiveAsksOnVerified"
      FROM "Organisation" o
      LEFT JOIN (SELECT "organisationId", count(*) n FROM "Report" WHERE category = 'LEGITIMATE_UNSAFE' AND "hiddenAt" IS NULL GROUP BY 1) u ON u."organisationId" = o.id
      LEFT JOIN (SELECT c."organisationId", count(*) n FROM "Report" r JOIN "Claim" c ON c.id = r."claimId"
                  WHERE c.status = 'VERIFIED' AND r."hiddenAt" IS NULL AND r."askedFor" && ${SENSITIVE}::"AskedFor"[] GROUP BY 1) s ON s."organisationId" = o.id
     WHERE ${where}
     ORDER BY o.name
     LIMIT ${limit}`;
}

const split = (row: Row): { policy: DeclaredPolicy; reported: ReportedPractice } => ({
  policy: {
    policyListedNumbersOnly: row.policyListedNumbersOnly,
    policyVoicemailNamesListed: row.policyVoicemailNamesListed,
    policyAsksPassword: row.policyAsksPassword,
    policyAsksSecurityAnswers: row.policyAsksSecurityAnswers,
    policyAsksOneTimeCode: row.policyAsksOneTimeCode,
    policyAsksCardDetails: row.policyAsksCardDetails,
    policyVerifyCallBack: row.policyVerifyCallBack,
    policyVerifyReference: row.policyVerifyReference,
    policyUrl: row.policyUrl,
  },
  reported: { unsafeReports: row.unsafeReports, sensitiveAsksOnVerified: row.sensitiveAsksOnVerified },
});

/** getOrganisationScorecard through the data cache, tagged with the organisation. */
export function getCachedOrganisationScorecard(organisationId: string) {
  return cached(`organisation-scorecard:${organisationId}`, [cacheTags.organisation(organisationId)], () => getOrganisationScorecard(organisationId));
}

export async function getOrganisationScorecard(organisationId: string): Promise<{ card: Scorecard; reported: ReportedPractice }> {
  const [row] = await rowsQuery(Prisma.sql`o.id = ${organisationId}`, 1);
  if (!row) return { card: { graded: false }, reported: { unsafeReports: 0, sensitiveAsksOnVerified: 0 } };
  const { policy, reported } = split(row);
  return { card: scorecard(policy, reported), reported };
}

export const SAFE_CALLING_PAGE_SIZE = 20;
/** Organisations considered for the ranking are those with a declared policy or unsafe-practice reports; bounded. */
const CANDIDATE_LIMIT = 2000;

export type SafeCallingFilters = { category?: OrgCategory; country?: string; page?: number };

export async function listSafeCalling(filters: SafeCallingFilters) {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`o.status = 'ACTIVE'`,
    Prisma.sql`(o."policyUpdatedAt" IS NOT NULL OR u.n > 0 OR s.n > 0)`,
  ];
  if (filters.category) conditions.push(Prisma.sql`o.category = ${filters.category}::"OrgCategory"`);
  if (filters.country) conditions.push(Prisma.sql`o.country = ${filters.country}`);
  const rows = await rowsQuery(Prisma.join(conditions, " AND "), CANDIDATE_LIMIT);
  const ranked = rows
    .map((row) => ({ id: row.id, slug: row.slug, name: row.name, category: row.category, country: row.country, card: scorecard(split(row).policy, split(row).reported) }))
    .filter((row) => row.card.graded)
    .sort(compareScorecards);
  const pageCount = Math.max(1, Math.ceil(ranked.length / SAFE_CALLING_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filters.page ?? 1)), pageCount);
  const start = (page - 1) * SAFE_CALLING_PAGE_SIZE;
  return { rows: ranked.slice(start, start + SAFE_CALLING_PAGE_SIZE).map((row, i) => ({ ...row, rank: start + i + 1 })), total: ranked.length, page, pageCount };
}
