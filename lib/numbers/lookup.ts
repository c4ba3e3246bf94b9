import "server-only";
import { numberLookupQuerySchema, numberLookupSchema, type NumberLookup } from "./api-schema";
import { env } from "../platform/env";
import { parseResponse } from "../platform/api";
import { AppError } from "../platform/errors";
import { EVIDENCE_METHODS, REPORT_CATEGORIES } from "../display/labels";
import { cached } from "../platform/data-cache";
import { getNumberPage, numberPageTags, type NumberPage } from "./page";
import { normalisePhone } from "./phone";
import { VERDICT_LABELS, verdictAdvice, verdictHeadline, verdictSummary } from "../trust/verdict-text";
import { verdictPolicyLine, verdictWords } from "./verdict-words";

/**
 * The public lookup: any spelling (and an optional region for national spellings) → the number's
 * verdict and facts. A valid number nobody has reported still answers, with zero counts.
 */
export async function lookupNumber(input: { number: string; region?: string | null }): Promise<NumberLookup> {
  const result = numberLookupQuerySchema.safeParse({ number: input.number, region: input.region ?? undefined });
  if (!result.success) throw new AppError("INVALID", result.error.issues[0]?.message ?? "The request is not valid.");
  const query = result.data;
  const parsed = normalisePhone(query.number, query.region ?? env.DEFAULT_REGION);
  if (!parsed.ok) throw new AppError("INVALID", parsed.error);
  const e164 = parsed.phone.e164;
  // The answer, checked against its schema once, is what the data cache keeps (tagged as the number's page).
  const kept = await cached(`lookup:${e164}`, ({ tags }) => tags, async () => {
    const page = await getNumberPage(e164, null, { reports: 0, replica: true });
    return { tags: numberPageTags(page), lookup: parseResponse(numberLookupSchema, toNumberLookup(page)) };
  });
  return kept.lookup;
}

const absolute = (path: string) => new URL(path, env.APP_URL).toString();
/** The canonical page URL: `+` is kept as is (proxy.ts redirects every other spelling here). */
export const numberPath = (e164: string) => `/numbers/${e164}`;
export const organisationPath = (slug: string) => `/organisations/${encodeURIComponent(slug)}`;

function organisationRef({ name, slug, officialPhone }: { name: string; slug: string; officialPhone: string | null }) {
  return { name, slug, url: absolute(organisationPath(slug)), officialPhone };
}

export function toNumberLookup(page: NumberPage): NumberLookup {
  const { verdict, verified, impersonated } = page;
  const words = verdictWords(page);
  return {
    e164: page.e164,
    national: page.national,
    international: page.international,
    type: page.type,
    country: page.country,
    countryName: page.countryName,
    url: absolute(numberPath(page.e164)),
    verdict: {
      kind: verdict.kind,
      label: VERDICT_LABELS[verdict.kind],
      summary: verdictSummary(verdict.kind, words),
      headline: verdictHeadline(verdict.kind, words),
      advice: verdictAdvice(verdict.kind, words),
      organisation: page.named ? organisationRef(page.named) : null,
      policy: verdictPolicyLine(page),
      legitBound: verdict.legitBound,
      notLegitBound: verdict.notLegitBound,
      evidence: verdict.evidence,
      possiblySpoofed: verdict.possiblySpoofed,
    },
    counts: { reports: page.counts.reports, reporters: page.counts.reporters, comments: page.counts.comments },
    firstReportedAt: page.firstReportedAt?.toISOString() ?? null,
    lastReportedAt: page.lastReportedAt?.toISOString() ?? null,
    categories: page.categories.map((stat) => ({ ...stat, label: REPORT_CATEGORIES[stat.category].label })),
    claimedOrganisations: page.organisations.map((claim) => ({ ...organisationRef(claim.organisation), claimStatus: claim.status, reports: claim.reportCount })),
    registry: verified
      ? {
          status: "VERIFIED",
          organisation: organisationRef(verified.organisation),
          evidence: verified.evidence && {
            method: verified.evidence.method,
            methodLabel: EVIDENCE_METHODS[verified.evidence.method],
            source: verified.evidence.source,
            verifiedAt: verified.evidence.verifiedAt?.toISOString() ?? null,
            reviewAt: verified.evidence.reviewAt?.toISOString() ?? null,
          },
        }
      : { status: "NOT_LISTED", organisation: null, evidence: null },
    impersonation: verdict.kind === "IMPERSONATION" && impersonated ? { organisation: organisationRef(impersonated.organisation) } : null,
  };
}
