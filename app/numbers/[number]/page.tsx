import type { Metadata } from "next";
import { FormLink } from "@/components/ui/form-link";
import { MemberViewSeed } from "@/components/member/member-view";
import { numberSubject } from "@/components/member/subjects";
import { renderStamp } from "@/components/member/stamp";
import { memberViewerOf } from "@/components/member/viewer";
import { memberNumberParts } from "@/lib/numbers/member-parts";
import { permanentRedirect } from "next/navigation";
import { cache } from "react";
import { buttonClass } from "@/components/ui/button";
import { getActor } from "@/lib/accounts/authz";
import { isStaffRole } from "@/lib/accounts/roles";
import { env } from "@/lib/platform/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { getNumberPage } from "@/lib/numbers/page";
import { claimsEveryoneSees, getPublicNumberPage, membersReadCache } from "@/lib/numbers/public-page";
import { normalisePhone, TYPE_LABELS } from "@/lib/numbers/phone";
import { decodeNumberSegment, regionFor } from "@/lib/numbers/url";
import { retireDueNumbers } from "@/lib/representatives/publish";
import { verdictSummary } from "@/lib/trust/verdict-text";
import { verdictWords } from "@/lib/numbers/verdict-words";
import { CategoryMix } from "./category-mix";
import { CallCheck } from "@/app/organisations/[slug]/call-check";
import { ClaimedOrganisations } from "./claimed-organisations";
import { CommentsSection } from "./comments-section";
import { InvalidNumber } from "./invalid-number";
import { LatestReports } from "./latest-reports";
import { NumberFacts } from "./number-facts";
import { OrganisationStatement } from "./organisation-statement";
import { RemovalLink } from "./removal-link";
import { ReportChart } from "./report-chart";
import { VerdictBanner } from "./verdict-banner";
import { VotePanel } from "./vote-panel";
import { WatchButton } from "./watch-button";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The URL's number, read with `?region=` (for national spellings) or the default region. */
async function resolve({ params, searchParams }: Props) {
  const [{ number }, query] = await Promise.all([params, searchParams]);
  const input = decodeNumberSegment(number).trim();
  const region = regionFor(query.region, env.DEFAULT_REGION);
  const rest = new URLSearchParams(Object.entries(query).flatMap(([key, value]) => (key === "region" || value === undefined ? [] : [[key, String(value)]])));
  return { input, region, hasRegion: query.region !== undefined, rest: rest.toString(), result: normalisePhone(input, region) };
}

// Shared by generateMetadata and the page within one request.
const loadPage = cache(async (e164: string, role: Role | null) => {
  // Visitors read the data cache (a replica behind it when one is configured: a little lag is fine for
  // them). Members see what visitors see (texts follow the public rule for them too), so they read the same
  // copy unless replicas could make it miss their own write (membersReadCache). Staff see hidden texts:
  // their view is always read afresh.
  if (role === null || (!isStaffRole(role) && membersReadCache())) return getPublicNumberPage(e164);
  await retireDueNumbers();
  return getNumberPage(e164, { role });
});

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { result } = await resolve(props);
  if (!result.ok) return { title: "Not a phone number", robots: { index: false } };
  // The same read as the page's body for this viewer (one read a request, and the description's figures agree
  // with the page's, which a member reading the primary could otherwise see ahead of a replica).
  const actor = await getActor();
  const page = await loadPage(result.phone.e164, actor?.role ?? null);
  // People read their own region's numbers in its national format, and a foreign number in international format.
  const foreign = result.phone.country !== env.DEFAULT_REGION;
  const [readable, other] = foreign ? [result.phone.international, result.phone.national] : [result.phone.national, result.phone.international];
  const summary = verdictSummary(page.verdict.kind, verdictWords(page));
  const kind = [result.phone.countryName, TYPE_LABELS[result.phone.type].toLowerCase()].filter(Boolean).join(" ");
  const reports = page.counts.reports === 1 ? "1 report" : `${page.counts.reports.toLocaleString("en-AU")} reports`;
  const title = `${readable} (${other}) — who called?`;
  const description = `Who called from ${readable} (${other})? ${summary} ${reports} so far. ${kind} number.`;
  const path = `/numbers/${page.e164}`;
  // Thin pages (fewer than two reports and no registry entry) stay out of search results, as in the sitemap.
  const indexable = page.counts.reports >= 2 || !!page.verified;
  return {
    title,
    description,
    alternates: { canonical: path },
    openGraph: { title, description, url: path, type: "website" },
    robots: indexable ? undefined : { index: false, follow: true },
  };
}

export default async function NumberPageRoute(props: Props) {
  const { input, region, hasRegion, rest, result } = await resolve(props);
  if (!result.ok) return <InvalidNumber input={input} message={result.error} region={region} />;
  const { e164 } = result.phone;
  // proxy.ts answers other spellings with a 308 first; this covers anything that reaches the page.
  if (input !== e164 || hasRegion) permanentRedirect(`/numbers/${e164}${rest ? `?${rest}` : ""}`);

  const actor = await getActor();
  const page = await loadPage(e164, actor?.role ?? null);
  // Everything on this page is the same for visitors, members and staff, so they may be sent the kept copy
  // (scripts/server/page-cache.mjs); what is theirs (their vote, the watch button, the comment form, their
  // comments' marks, a representative's statement forms; staff's hidden texts) is filled in from GET /api/me. The stamp names
  // this render: when an action renders the page again, those parts ask again.
  const stamp = renderStamp();
  // Rendered for someone signed in (their first page, a client navigation): their parts come with it (staff's texts are in `page`).
  const [claims, mine] = await Promise.all([claimsEveryoneSees(e164, actor !== null), actor ? memberNumberParts(actor, e164) : null]);
  const reportHref = `/report?number=${encodeURIComponent(e164)}`;
  const foreign = page.country !== env.DEFAULT_REGION;
  const content = (
    <div className="space-y-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <p className="text-sm font-medium text-slate-500">Phone number</p>
          {/* The reader's own region's numbers in national format first; a foreign number in international format first. */}
          <h1 className="font-mono text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl" data-testid={foreign ? "number-international" : "number-national"}>
            {foreign ? page.international : page.national}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-600">
            <span className="font-mono" data-testid={foreign ? "number-national" : "number-international"}>
              {foreign ? page.national : page.international}
            </span>
            <span aria-hidden className="text-slate-300">·</span>
            <span>{TYPE_LABELS[page.type]}</span>
            {page.countryName ? (
              <>
                <span aria-hidden className="text-slate-300">·</span>
                <span>{page.countryName}</span>
              </>
            ) : null}
          </p>
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <WatchButton e164={e164} stamp={stamp} />
          <FormLink href={reportHref} className={buttonClass("primary", "w-full sm:w-auto")}>
            Report this number
          </FormLink>
        </div>
      </header>

      <VerdictBanner page={page} />
      <OrganisationStatement e164={e164} namedId={page.named?.id ?? null} stamp={stamp} />
      {/* The organisation the verdict names: the customer checks the reference its caller gave, here as on its own page. */}
      {page.named ? <CallCheck organisationId={page.named.id} name={page.named.name} /> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <NumberFacts page={page} />
        <ClaimedOrganisations page={page} />
      </div>

      <div className="grid gap-6 lg:grid-cols-5">
        <section aria-labelledby="chart-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 lg:col-span-3">
          <h2 id="chart-heading" className="text-lg font-semibold text-slate-900">
            Reports over time
            <span className="ml-2 text-sm font-normal text-slate-500">
              {page.chart.scope === "LAST_YEAR" ? "per week, last 12 months" : `per ${page.chart.unit}, whole history`}
            </span>
          </h2>
          <ReportChart series={page.chart} />
        </section>
        <div className="lg:col-span-2">
          <CategoryMix page={page} />
        </div>
      </div>

      <VotePanel e164={e164} claims={claims} claimId={page.voteClaimId} stamp={stamp} />
      <LatestReports page={page} stamp={stamp} />
      <CommentsSection e164={e164} actor={actor} stamp={stamp} />

      <p className="border-t border-slate-200 pt-4 text-sm text-slate-500">
        Is this your number and something here is wrong? <RemovalLink e164={e164} />
      </p>
    </div>
  );
  return (
    <MemberViewSeed subject={numberSubject(e164)} stamp={stamp} view={actor && mine ? { viewer: memberViewerOf(actor), number: mine } : null}>
      {content}
    </MemberViewSeed>
  );
}
