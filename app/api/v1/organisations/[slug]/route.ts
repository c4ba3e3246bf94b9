import { apiRoute, errorJson, LOOKUP_CACHE, okJson } from "@/lib/platform/api";
import { env } from "@/lib/platform/env";
import { organisationLookupSchema, type OrganisationLookup } from "@/lib/organisations/api-schema";
import { getOrganisationPage } from "@/lib/organisations/organisation";
import { policyLine } from "@/lib/organisations/policy-line";
import { getOrganisationScorecard } from "@/lib/organisations/scorecard-data";
import { getStructuredPolicy } from "@/lib/representatives/policy";
import { retireDueNumbers } from "@/lib/representatives/publish";

export const dynamic = "force-dynamic";

const absolute = (path: string) => new URL(path, env.APP_URL).toString();
const CORS = { "Access-Control-Allow-Origin": "*" };
const PAGE_CURSOR = /^[A-Za-z0-9_~-]{1,100}$/;

// GET /api/v1/organisations/{slug} — an organisation, its registry numbers, claimed numbers and reputation.
export const GET = apiRoute(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return errorJson("NOT_FOUND", "No organisation has that slug.", CORS);
  const query = new URL(request.url).searchParams;
  const [verifiedAfter, claimedAfter] = [query.get("verifiedAfter") ?? undefined, query.get("claimedAfter") ?? undefined];
  for (const [name, value] of [["verifiedAfter", verifiedAfter], ["claimedAfter", claimedAfter]] as const) {
    if (value !== undefined && !PAGE_CURSOR.test(value)) return errorJson("INVALID", `${name}: pass the ${name === "verifiedAfter" ? "verifiedNumbersNext" : "claimedNumbersNext"} of the previous answer.`, CORS);
  }
  await retireDueNumbers();
  const page = await getOrganisationPage(slug, { verifiedAfter, claimedAfter });
  if (!page) return errorJson("NOT_FOUND", "No organisation has that slug.", CORS);
  if ("redirectTo" in page) {
    return new Response(null, { status: 308, headers: { ...CORS, Location: new URL(`/api/v1/organisations/${page.redirectTo}`, request.url).toString() } });
  }
  const { organisation: org, verified, claimed, claimedTotal, nextVerified, nextClaimed, reputation, contactNumbers, sources } = page;
  const [declared, { card }] = await Promise.all([getStructuredPolicy(org.id), getOrganisationScorecard(org.id)]);
  const body: OrganisationLookup = {
    name: org.name,
    slug: org.slug,
    url: absolute(`/organisations/${org.slug}`),
    status: org.status === "PROPOSED" ? "PROPOSED" : "ACTIVE",
    category: org.category,
    country: org.country,
    website: org.website,
    acronym: org.acronym,
    aliases: org.aliases,
    domains: org.domains,
    description: org.description,
    officialPhone: org.officialPhone,
    callingPolicy: {
      callsFrom: org.policyCallsFrom,
      mayAsk: org.policyMayAsk,
      neverAsks: org.policyNeverAsks,
      howToVerify: org.policyHowToVerify,
      line: policyLine({ ...org, ...declared }),
      declared: {
        callsFromPublishedNumbersOnly: declared?.policyListedNumbersOnly ?? null,
        voicemailNamesPublishedNumber: declared?.policyVoicemailNamesListed ?? null,
        mayAskForPassword: declared?.policyAsksPassword ?? null,
        mayAskForSecurityAnswers: declared?.policyAsksSecurityAnswers ?? null,
        mayAskForOneTimeCode: declared?.policyAsksOneTimeCode ?? null,
        mayAskForCardDetails: declared?.policyAsksCardDetails ?? null,
        customerCanCallBackOfficialNumber: declared?.policyVerifyCallBack ?? null,
        customerCanCheckReference: declared?.policyVerifyReference ?? null,
        publishedAt: declared?.policyUrl ?? null,
        updatedAt: declared?.policyUpdatedAt?.toISOString() ?? null,
      },
    },
    safeCalling: card.graded ? { grade: card.grade, score: card.score } : null,
    verifiedNumbers: verified.map((claim) => ({
      e164: claim.e164,
      type: claim.number.type,
      evidenceMethod: claim.evidenceMethod,
      label: claim.label,
      retiresAt: claim.retiresAt?.toISOString() ?? null,
      verifiedAt: claim.verifiedAt?.toISOString() ?? null,
      reviewAt: claim.reviewAt?.toISOString() ?? null,
    })),
    verifiedNumbersTotal: org.verifiedNumberCount,
    verifiedNumbersNext: nextVerified,
    claimedNumbers: claimed.map((claim) => ({
      e164: claim.e164,
      status: claim.status === "VERIFIED" ? "UNVERIFIED" : claim.status,
      reports: claim.reportCount,
      legitVotes: claim.legitVotes,
      notLegitVotes: claim.notLegitVotes,
    })),
    claimedNumbersTotal: claimedTotal,
    claimedNumbersNext: nextClaimed,
    reputation: {
      numbers: reputation.numbers,
      reports: reputation.reports,
      categories: reputation.categories,
      askedFor: reputation.askedFor.map((row) => ({ item: row.item as OrganisationLookup["reputation"]["askedFor"][number]["item"], count: row.n })),
      legitVotes: reputation.legitVotes,
      notLegitVotes: reputation.notLegitVotes,
    },
    contactNumbers,
    source: org.sourceCredit ? { credit: org.sourceCredit, url: org.sourceUrl } : null,
    sources,
  };
  return okJson(organisationLookupSchema, body, { "Cache-Control": LOOKUP_CACHE, ...CORS });
});
