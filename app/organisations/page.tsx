import type { Metadata } from "next";
import { firstParam } from "@/lib/platform/search-params";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { OrgFilterSelects } from "@/components/org-filter-selects";
import { inputClass } from "@/components/ui/field";
import { plural } from "@/lib/display/format";
import { ORG_CATEGORIES, ORG_CATEGORY_KEYS, type OrgCategoryKey } from "@/lib/display/labels";
import { listCachedOrganisationCountries, listOrganisations } from "@/lib/organisations/organisation";
import { listOrganisationsForVisitors } from "@/lib/organisations/public-page";
import { countryName } from "@/lib/numbers/phone";
import { getActor } from "@/lib/accounts/authz";
import { env } from "@/lib/platform/env";

export const metadata: Metadata = {
  title: "Organisations",
  description: "Banks, insurers, telcos and government agencies: their verified outbound numbers and what callers claiming to be them asked for.",
};

type Search = { q?: string; category?: string; country?: string; page?: string };
const one = (value: string | string[] | undefined) => firstParam(value);

export default async function OrganisationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const q = (one(raw.q) ?? "").slice(0, 100);
  const category = ORG_CATEGORY_KEYS.includes(one(raw.category) as OrgCategoryKey) ? (one(raw.category) as OrgCategoryKey) : undefined;
  const countryParam = one(raw.country);
  const country = countryParam && /^[A-Z]{2}$/.test(countryParam) ? countryParam : undefined;
  const page = Math.min(Math.max(Number.parseInt(one(raw.page) ?? "1", 10) || 1, 1), 10_000);
  const actor = await getActor();
  const viewer = actor && { id: actor.id, role: actor.role };
  // The default region's organisations come first, then the rest.
  const filters = { q, category, country, page, region: env.DEFAULT_REGION };
  const [result, countries] = await Promise.all([viewer ? listOrganisations({ ...filters, viewer }) : listOrganisationsForVisitors(filters), listCachedOrganisationCountries()]);
  const link = (over: Search) => {
    const params = new URLSearchParams();
    const merged = { q, category, country, page: String(page), ...over };
    for (const [key, value] of Object.entries(merged)) if (value && !(key === "page" && value === "1")) params.set(key, value);
    const text = params.toString();
    return text ? `/organisations?${text}` : "/organisations";
  };

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Organisations</h1>
        <p className="max-w-3xl text-slate-600">
          Who calls from which numbers. Each organisation lists its verified outbound numbers, the numbers callers claimed to be it, and what those callers asked for.
        </p>
      </header>

      <form method="get" action="/organisations" role="search" aria-label="Find an organisation" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_11rem_11rem_auto] sm:items-end">
        <div className="space-y-1.5">
          <label htmlFor="org-q" className="block text-sm font-medium text-slate-800">Name, website or abbreviation</label>
          <input id="org-q" name="q" type="search" defaultValue={q} placeholder="e.g. Harbour Health, ato.gov.au" className={inputClass} />
        </div>
        <OrgFilterSelects idPrefix="org" category={category} country={country} countries={countries} />
        <button type="submit" className={buttonClass("primary")}>Search</button>
      </form>

      <p className="text-sm text-slate-600" aria-live="polite">
        {plural(result.total, "organisation")}
        {q ? <> matching “{q}”</> : null}
        {result.total > result.listed ? <> · the best {result.listed} are listed</> : null}
        {result.pageCount > 1 ? <> · page {result.page} of {result.pageCount}</> : null}
      </p>

      {result.organisations.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          <p>No organisation matches. Try another spelling, or clear the filters.</p>
          <p className="mt-2 text-sm">Got a call from one that is not listed? <Link href="/report">Report it</Link> and add it as “someone else”.</p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Organisations">
          {result.organisations.map((org) => (
            <li key={org.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <Link href={`/organisations/${org.slug}`} className="font-semibold">{org.name}</Link>
                {org.status === "PROPOSED" ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">proposed</span> : null}
                <p className="truncate text-sm text-slate-500">
                  {[ORG_CATEGORIES[org.category], countryName(org.country), org.domains[0]].filter(Boolean).join(" · ")}
                </p>
              </div>
              <dl className="flex shrink-0 gap-4 text-sm">
                <div className={org.verifiedNumberCount ? "text-emerald-800" : "text-slate-500"}>
                  <dt className="sr-only">Verified numbers</dt>
                  <dd><span className="font-semibold">{org.verifiedNumberCount}</span> verified {org.verifiedNumberCount === 1 ? "number" : "numbers"}</dd>
                </div>
                <div className="text-slate-600">
                  <dt className="sr-only">Reports in the last {result.recentDays} days</dt>
                  <dd><span className="font-semibold">{org.recentReportCount}</span> {org.recentReportCount === 1 ? "report" : "reports"} in {result.recentDays} days</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}

      {result.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-3">
          {result.page > 1 ? <Link href={link({ page: String(result.page - 1) })} className={buttonClass("secondary")} rel="prev">← Previous</Link> : <span />}
          <span className="text-sm text-slate-500">Page {result.page} of {result.pageCount}</span>
          {result.page < result.pageCount ? <Link href={link({ page: String(result.page + 1) })} className={buttonClass("secondary")} rel="next">Next →</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
