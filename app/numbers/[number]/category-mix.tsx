import { CategoryBadge } from "@/components/category-badge";
import { REPORT_CATEGORIES } from "@/lib/display/labels";
import type { NumberPage } from "@/lib/numbers/page";

const barTone = { bad: "bg-red-500", warn: "bg-amber-500", good: "bg-emerald-500", neutral: "bg-slate-400" } as const;

/** What people said the calls were, as shares of all reports. */
export function CategoryMix({ page }: { page: NumberPage }) {
  const total = page.categories.reduce((sum, stat) => sum + stat.reports, 0);
  return (
    <section aria-labelledby="mix-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="mix-heading" className="text-lg font-semibold text-slate-900">What people said it was</h2>
      {total === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No reports yet.</p>
      ) : (
        <ul className="mt-4 space-y-3" data-testid="category-mix">
          {page.categories.map((stat) => {
            const share = Math.round((stat.reports / total) * 100);
            return (
              <li key={stat.category}>
                <div className="flex items-center justify-between gap-2 text-sm">
                  <CategoryBadge category={stat.category} />
                  <span className="text-slate-600">
                    {stat.reports.toLocaleString("en-AU")} {stat.reports === 1 ? "report" : "reports"} · {share}%
                  </span>
                </div>
                <div className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
                  <div className={`h-full rounded-full ${barTone[REPORT_CATEGORIES[stat.category].tone]}`} style={{ width: `${Math.max(share, 2)}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
