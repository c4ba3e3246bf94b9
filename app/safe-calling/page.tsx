import type { Metadata } from "next";
import Link from "next/link";
import { OrgFilterSelects } from "@/components/org-filter-selects";
import { buttonClass } from "@/components/ui/button";
import { ORG_CATEGORIES, ORG_CATEGORY_KEYS, type OrgCategoryKey } from "@/lib/display/labels";
import { countryName } from "@/lib/numbers/phone";
import { listCachedOrganisationCountries } from "@/lib/organisations/organisation";
import { listSafeCallingCached } from "@/lib/organisations/public-page";
import { firstParam } from "@/lib/platform/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Safe-calling scorecard: which organisations call safely",
  description: "Organisations ranked by how safely they call their customers: published numbers, what they never ask for, and what members report.",
  alternates: { canonical: "/safe-calling" },
};

type Raw = Record<string, string | string[] | undefined>;

export default async function SafeCallingPage({ searchParams }: { searchParams: Promise<Raw> }) {
  const raw = await searchParams;
  const categoryParam = firstParam(raw.category);
  const category = ORG_CATEGORY_KEYS.includes(categoryParam as OrgCategoryKey) ? (categoryParam as OrgCategoryKey) : undefined;
  const countryParam = firstParam(raw.country);
  const country = countryParam && /^[A-Z]{2}$/.test(countryParam) ? countryParam : undefined;
  const requested = Math.min(Math.max(Number.parseInt(firstParam(raw.page) ?? "1", 10) || 1, 1), 10_000);
  const [result, countries] = await Promise.all([listSafeCallingCached({ category, country, page: requested }), listCachedOrganisationCountries()]);
  const link = (page: number) => {
    const params = new URLSearchParams();
    if (category) params.set("category", category);
    if (country) params.set("country", country);
    if (page > 1) params.set("page", String(page));
    const text = params.toString();
    return text ? `/safe-calling?${text}` : "/safe-calling";
  };

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Safe-calling scorecard</h1>
        <p className="max-w-3xl text-slate-600">
          Which organisations teach their customers to trust random numbers? Each grade adds up to 60 points for a declared calling policy (calling only from
          published numbers, never asking for passwords, security answers, one-time codes or card details on calls they start, a way to check a call) and up to 40
          for what members report — reports of the real organisation calling unsafely cost points whatever the policy says. Each organisation&apos;s page shows the
          sum line by line.
        </p>
      </header>

      <form method="get" action="/safe-calling" aria-label="Filter the ranking" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[11rem_11rem_auto] sm:items-end">
        <OrgFilterSelects idPrefix="safe" category={category} country={country} countries={countries} />
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
      </form>

      {result.rows.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-600">No graded organisations match. An organisation is graded once it declares a calling policy or members report it calling unsafely.</p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="safe-calling-ranking">
          {result.rows.map((row) =>
            row.card.graded ? (
              <li key={row.id} className="flex items-center gap-4 p-4" data-testid="ranked-organisation" data-slug={row.slug}>
                <span className="w-8 text-right font-mono text-slate-500">{row.rank}.</span>
                <span className="grid h-10 w-10 shrink-0 place-items-center rounded-full bg-slate-900 text-lg font-bold text-white" aria-label={`Grade ${row.card.grade}`}>
                  {row.card.grade}
                </span>
                <span className="min-w-0 flex-1">
                  <Link href={`/organisations/${row.slug}`} className="font-semibold">
                    {row.name}
                  </Link>
                  <span className="block text-sm text-slate-600">{[ORG_CATEGORIES[row.category], countryName(row.country)].filter(Boolean).join(" · ")}</span>
                </span>
                <span className="font-mono text-slate-700">{row.card.score}/100</span>
              </li>
            ) : null,
          )}
        </ol>
      )}

      {result.pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {result.page > 1 ? <Link href={link(result.page - 1)}>← Previous</Link> : <span />}
          <span className="text-slate-600">
            Page {result.page} of {result.pageCount} · {result.total} organisations
          </span>
          {result.page < result.pageCount ? <Link href={link(result.page + 1)}>Next →</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
