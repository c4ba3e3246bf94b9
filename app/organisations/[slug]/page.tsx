import type { Metadata } from "next";
import Link from "next/link";
import { MemberViewSeed } from "@/components/member/member-view";
import { renderStamp } from "@/components/member/stamp";
import { organisationSubject } from "@/components/member/subjects";
import { memberViewerOf } from "@/components/member/viewer";
import { memberOrganisationParts } from "@/lib/organisations/member-parts";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { CategoryBadge } from "@/components/category-badge";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getActor } from "@/lib/accounts/authz";
import { getCachedOrganisationScorecard } from "@/lib/organisations/scorecard-data";
import { getCachedStructuredPolicy } from "@/lib/representatives/policy";
import { CallCheck } from "./call-check";
import { SafeCalling } from "./safe-calling";
import { formatDate, plural, relativeTime } from "@/lib/display/format";
import { webLink } from "@/lib/display/web-address";
import { ASKED_FOR, ORG_CATEGORIES, type AskedForKey } from "@/lib/display/labels";
import { getCachedOrganisationPage } from "@/lib/organisations/public-page";
import { firstParam } from "@/lib/platform/search-params";
import { countryName } from "@/lib/numbers/phone";
import { contentVisibility } from "@/lib/trust/privacy";
import { ClaimedNumbers, VerifiedNumbers } from "./numbers-lists";
import { Reputation } from "./reputation";
import { readableNumber } from "@/lib/numbers/display";
import { ContactNumbers, Sources } from "./sources";
import { env } from "@/lib/platform/env";
import { ReportTexts } from "@/components/report-texts";
import { StaffReportText } from "./staff-report-text";
import { ManageOrRepresentLink, WatchOrganisationButton } from "./watch-button";

type Params = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache((slug: string, verifiedAfter?: string, claimedAfter?: string) => getCachedOrganisationPage(decodeURIComponent(slug), { verifiedAfter, claimedAfter }));
const pagesOf = async (searchParams: Params["searchParams"]) => {
  const raw = await searchParams;
  return [firstParam(raw.verified), firstParam(raw.claimed)] as const;
};

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { slug } = await params;
  const page = await load(slug, ...(await pagesOf(searchParams)));
  if (!page || "redirectTo" in page) return { title: "Organisation not found", robots: { index: false } };
  const { organisation: org } = page;
  return {
    title: `${org.name}: official numbers and reported calls`,
    description: `${org.name}'s verified outbound numbers (${org.verifiedNumberCount}), numbers callers claimed to be it, and what they asked for.`,
    alternates: { canonical: `/organisations/${org.slug}` },
    robots: org.status === "PROPOSED" ? { index: false } : undefined,
  };
}


export default async function OrganisationPage({ params, searchParams }: Params) {
  const { slug } = await params;
  const [verifiedAfter, claimedAfter] = await pagesOf(searchParams);
  const page = await load(slug, verifiedAfter, claimedAfter);
  if (!page) notFound();
  if ("redirectTo" in page) permanentRedirect(`/organisations/${page.redirectTo}`);
  const actor = await getActor();
  const { organisation: org, verified, claimed, claimedTotal, recentReports, reputation, contactNumbers, sources, nextVerified, nextClaimed } = page;
  const [structured, scorecard, parts] = await Promise.all([
    getCachedStructuredPolicy(org.id),
    getCachedOrganisationScorecard(org.id),
    actor ? memberOrganisationParts(actor, org.id) : null,
  ]);
  // The page is the same for everyone signed in or not (they may be sent the kept copy); their watch,
  // whether they manage it and, for staff, the report texts others do not see come from GET /api/me.
  const stamp = renderStamp();
  // Rendered for someone signed in (their first page, a client navigation): their parts come with it.
  const mine = actor && parts ? { viewer: memberViewerOf(actor), organisation: parts } : null;
  const listPage = (key: "verified" | "claimed", after: string) => `/organisations/${org.slug}?${key}=${encodeURIComponent(after)}`;
  const website = webLink(org.website);
  const official = org.officialPhone ? { e164: org.officialPhone, readable: readableNumber(org.officialPhone) } : null;
  const policy = [
    ["Calls from", org.policyCallsFrom],
    ["May ask for", org.policyMayAsk],
    ["Never asks for", org.policyNeverAsks],
    ["How to check a call is real", org.policyHowToVerify],
  ].filter((row): row is [string, string] => Boolean(row[1]));

  const content = (
    <div className="space-y-6">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/organisations">← Organisations</Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{org.name}</h1>
          {org.status === "PROPOSED" ? (
            <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-semibold text-amber-900 ring-1 ring-amber-200" data-testid="proposed-badge">
              Proposed
            </span>
          ) : null}
        </div>
        <p className="text-slate-600">
          {[ORG_CATEGORIES[org.category], countryName(org.country), org.acronym].filter(Boolean).join(" · ")}
          {website ? (
            <>
              {" · "}
              <a href={website.href} rel="nofollow noopener noreferrer ugc" target="_blank">
                {website.host}
              </a>
            </>
          ) : null}
        </p>
        {org.description ? <p className="max-w-3xl text-slate-700">{org.description}</p> : null}
        {org.status !== "MERGED" ? <WatchOrganisationButton organisationId={org.id} slug={org.slug} stamp={stamp} /> : null}
        {org.status === "ACTIVE" ? <ManageOrRepresentLink organisationId={org.id} slug={org.slug} name={org.name} stamp={stamp} /> : null}
        {org.status === "PROPOSED" ? (
          <Alert tone="warning">A member added this organisation from a report. A moderator has not checked it yet, so its name and details may be wrong.</Alert>
        ) : null}
      </header>

      {official || policy.length ? (
        <Card title="How it calls, and where to call back">
          {official ? (
            <p className="mb-4 text-slate-800">
              Official number to call back:{" "}
              <a href={`tel:${org.officialPhone}`} className="font-mono text-lg font-semibold">
                {official.readable}
              </a>
            </p>
          ) : null}
          {policy.length ? (
            <dl className="grid gap-4 sm:grid-cols-2">
              {policy.map(([label, text]) => (
                <div key={label} className="rounded-lg bg-slate-50 p-3">
                  <dt className="text-sm font-semibold text-slate-700">{label}</dt>
                  <dd className="mt-1 whitespace-pre-line text-slate-800">{text}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </Card>
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <VerifiedNumbers organisation={org.name} claims={verified} total={org.verifiedNumberCount} paged={!!verifiedAfter} />
        {nextVerified || verifiedAfter ? (
          <nav aria-label="Verified numbers pages" className="flex gap-3 text-sm">
            {verifiedAfter ? <Link href={`/organisations/${org.slug}`}>First verified numbers</Link> : null}
            {nextVerified ? <Link href={listPage("verified", nextVerified)} rel="next">More verified numbers →</Link> : null}
          </nav>
        ) : null}
        <ClaimedNumbers organisation={org.name} claims={claimed} total={claimedTotal} hasVerified={org.verifiedNumberCount > 0} official={official?.readable ?? null} paged={!!claimedAfter} />
        {nextClaimed || claimedAfter ? (
          <nav aria-label="Claimed numbers pages" className="flex gap-3 text-sm">
            {claimedAfter ? <Link href={`/organisations/${org.slug}`}>Most reported first</Link> : null}
            {nextClaimed ? <Link href={listPage("claimed", nextClaimed)} rel="next">More claimed numbers →</Link> : null}
          </nav>
        ) : null}
      </div>

      <ContactNumbers organisation={org.name} numbers={contactNumbers} defaultRegion={env.DEFAULT_REGION} />
      {org.status === "ACTIVE" ? <CallCheck organisationId={org.id} name={org.name} /> : null}

      <Reputation name={org.name} reputation={reputation} />

      {structured ? <SafeCalling name={org.name} policy={structured} card={scorecard.card} /> : null}

      <Card title="Recent reports that named it">
        {recentReports.length === 0 ? (
          <p className="text-slate-600">
            No reports name {org.name} yet. <Link href="/report">Report a call</Link>
          </p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {recentReports.map((report) => {
              const visible = contentVisibility(
                { reporterCount: report.number.reporterCount, hasVerifiedClaim: report.number.claims.length > 0, contentHiddenAt: report.number.contentHiddenAt, contentHiddenReason: report.number.contentHiddenReason },
                actor,
              ).visible;
              return (
                <li key={report.id} className="space-y-1.5 py-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={`/numbers/${report.e164}`} className="font-mono font-semibold">
                      {readableNumber(report.e164)}
                    </Link>
                    <CategoryBadge category={report.category} />
                    <time dateTime={report.occurredAt.toISOString()} className="text-sm text-slate-500" title={formatDate(report.occurredAt)}>
                      {relativeTime(report.occurredAt)}
                    </time>
                  </div>
                  {report.askedFor.length ? (
                    <p className="text-sm text-slate-600">Asked for: {report.askedFor.map((key) => ASKED_FOR[key as AskedForKey]).join(", ")}</p>
                  ) : null}
                  {visible ? <ReportTexts body={report.body} /> : <StaffReportText organisationId={org.id} stamp={stamp} reportId={report.id} />}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <Link href={`/report?organisation=${org.slug}`} className={buttonClass("primary")}>
          Report a call from {org.name}
        </Link>
        {org.sourceCredit ? (
          <p className="text-sm text-slate-500">
            Details from{" "}
            {webLink(org.sourceUrl) ? (
              <a href={webLink(org.sourceUrl)!.href} rel="nofollow noopener noreferrer">
                {org.sourceCredit}
              </a>
            ) : (
              org.sourceCredit
            )}
            .
          </p>
        ) : null}
      </div>
      <Sources organisation={org.name} sources={sources} />
      <p className="text-xs text-slate-500">Listed since {formatDate(org.createdAt)} · {plural(org.reportCount, "report")} in all</p>
    </div>
  );
  return (
    <MemberViewSeed subject={organisationSubject(org.id)} stamp={stamp} view={mine}>
      {content}
    </MemberViewSeed>
  );
}
