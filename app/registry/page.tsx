import type { Metadata } from "next";
import { firstParam } from "@/lib/platform/search-params";
import Link from "next/link";
import { OrgFilterSelects } from "@/components/org-filter-selects";
import { inputClass } from "@/components/ui/field";
import { formatDate } from "@/lib/display/format";
import { EVIDENCE_METHODS, ORG_CATEGORIES, ORG_CATEGORY_KEYS, type OrgCategoryKey } from "@/lib/display/labels";
import { formatE164, TYPE_LABELS, type PhoneType } from "@/lib/numbers/phone";
import { listCachedOrganisationCountries } from "@/lib/organisations/organisation";
import { listCachedRegistryPage } from "@/lib/registry/feed";
import { readableNumber } from "@/lib/numbers/display";
import { parseWebAddress } from "@/lib/display/web-address";

export const metadata: Metadata = {
  title: "Verified registry of official numbers",
  description: "Organisations' official outbound phone numbers, each checked by a moderator with evidence. Download as CSV or use the API.",
};
export const dynamic = "force-dynamic";

type Search = { q?: string; category?: string; country?: string };

const isCategory = (value: string | undefined): value is OrgCategoryKey => !!value && (ORG_CATEGORY_KEYS as string[]).includes(value);
const isSafeLink = (value: string) => parseWebAddress(value) !== null;

// A repeated parameter (?q=a&q=b) arrives as an array: only a single value is used.
const one = (value: string | string[] | undefined) => firstParam(value);

export default async function RegistryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params: Search = { q: one(raw.q), category: one(raw.category), country: one(raw.country) };
  const cursor = one(raw.after);
  const q = (params.q ?? "").slice(0, 100);
  const category = isCategory(params.category) ? params.category : undefined;
  const country = /^[A-Z]{2}$/.test(params.country ?? "") ? params.country : undefined;
  const [{ entries, total, nextCursor }, countries] = await Promise.all([listCachedRegistryPage({ q, category, country, cursor }), listCachedOrganisationCountries()]);
  const pageLink = (after?: string) => {
    const query = new URLSearchParams();
    if (q) query.set("q", q);
    if (category) query.set("category", category);
    if (country) query.set("country", country);
    if (after) query.set("after", after);
    const text = query.toString();
    return `/registry${text ? `?${text}` : ""}`;
  };
  const filtered = !!(q || category || country);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold sm:text-3xl">Verified registry</h1>
        <p className="max-w-3xl text-slate-600">
          Numbers that really belong to an organisation: each one checked by a moderator or published by the organisation’s own verified representative, with the evidence and a date to check it again. A number that is not here may still be genuine — but if a caller says they are one of these organisations and calls from somewhere else, hang up and call the organisation back.
        </p>
        <p className="text-sm">
          <a href="/registry.csv" download>Download as CSV</a> · <a href="/api/v1/registry">JSON feed</a> (<code>?since=</code> for changes; <a href="/api/v1/openapi.json">API description</a>)
        </p>
      </div>
      <form className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_12rem_12rem_auto] sm:items-end" role="search" aria-label="Search the registry">
        <div className="space-y-1.5">
          <label htmlFor="registry-q" className="block text-sm font-medium">Number or organisation</label>
          <input id="registry-q" name="q" type="search" defaultValue={q} placeholder="e.g. 02 7010 1234 or Harbour Health" className={inputClass} />
        </div>
        <OrgFilterSelects idPrefix="registry" category={category} country={country} countries={countries} />
        <div className="flex gap-2">
          <button type="submit" className="w-full rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700 sm:w-auto">Search</button>
          {filtered ? (
            <Link href="/registry" className="rounded-lg px-4 py-2.5 text-sm font-semibold text-slate-700 no-underline ring-1 ring-slate-300 hover:bg-slate-50 hover:no-underline">Clear</Link>
          ) : null}
        </div>
      </form>
      <p className="text-sm text-slate-600" role="status">
        {total === 1 ? "1 verified number" : `${total.toLocaleString("en-AU")} verified numbers`}
        {filtered ? " match" : ""}
      </p>
      {entries.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-10 text-center text-slate-600">
          {cursor && total > 0 ? (
            // A page past the end, or a link from an older list: the registry is not empty, this page is.
            <>
              Nothing more on this page. <Link href={pageLink()}>Back to the first page</Link>
            </>
          ) : filtered ? (
            "No verified number matches. Try fewer words, or another category or country."
          ) : (
            "The registry is empty so far."
          )}
        </p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {entries.map((entry) => {
            const number = formatE164(entry.e164);
            return (
              <li key={entry.id} className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="registry-entry" data-e164={entry.e164}>
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <Link href={`/numbers/${entry.e164}`} className="text-lg font-bold tabular-nums">{readableNumber(entry.e164)}</Link>
                    <p className="text-sm text-slate-500">
                      {number.international} · {TYPE_LABELS[entry.numberType as PhoneType] ?? entry.numberType}
                    </p>
                  </div>
                  <span className="shrink-0 rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-800 ring-1 ring-inset ring-emerald-200">✓ Verified</span>
                </div>
                <p className="mt-2 font-semibold">
                  <Link href={`/organisations/${entry.organisation.slug}`}>{entry.organisation.name}</Link>
                  <span className="ml-2 text-sm font-normal text-slate-500">{ORG_CATEGORIES[entry.organisation.category]}</span>
                </p>
                <dl className="mt-3 grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-500">Evidence</dt>
                  <dd>
                    {entry.evidence.method ? EVIDENCE_METHODS[entry.evidence.method] : "—"}
                    {entry.evidence.source ? (
                      <span className="block text-slate-600 [overflow-wrap:anywhere]">
                        {isSafeLink(entry.evidence.source) ? (
                          <a href={entry.evidence.source} rel="nofollow noopener noreferrer ugc" target="_blank">{entry.evidence.source}</a>
                        ) : (
                          entry.evidence.source
                        )}
                      </span>
                    ) : null}
                  </dd>
                  <dt className="text-slate-500">Verified by</dt>
                  <dd>
                    {entry.verifiedBy ?? "a former moderator"}
                    {entry.verifiedAt ? <>, {formatDate(entry.verifiedAt)}</> : null}
                  </dd>
                  <dt className="text-slate-500">Review by</dt>
                  <dd>{entry.reviewAt ? formatDate(entry.reviewAt) : "—"}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {nextCursor || cursor ? (
        <nav aria-label="Registry pages" className="flex flex-wrap gap-3 text-sm">
          {cursor ? <Link href={pageLink()}>First page</Link> : null}
          {nextCursor ? <Link href={pageLink(nextCursor)} rel="next" data-testid="registry-next">Next page →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
