import { CategoryBadge } from "@/components/category-badge";
import { Card } from "@/components/ui/card";
import { plural } from "@/lib/display/format";
import { ASKED_FOR, type AskedForKey } from "@/lib/display/labels";
import type { OrganisationPage } from "@/lib/organisations/organisation";

/** Reports and votes summed over every number claimed to be the organisation, rotating mobiles included. */
export function Reputation({ name, reputation }: { name: string; reputation: OrganisationPage["reputation"] }) {
  const { reports, reportedNumbers, categories, askedFor, legitVotes, notLegitVotes } = reputation;
  const votes = legitVotes + notLegitVotes;
  return (
    <Card title="Reputation across all its numbers">
      {reports === 0 && votes === 0 ? (
        <p className="text-slate-600">No reports or votes yet.</p>
      ) : (
        <div className="grid gap-6 md:grid-cols-3">
          <div>
            <p className="text-slate-700">
              {plural(reports, "report")} naming {name}, across {plural(reportedNumbers, "number")}.
            </p>
            {votes ? (
              <div className="mt-3">
                <p className="text-sm text-slate-600">
                  Votes: <strong className="text-emerald-800">{legitVotes} legitimate</strong>, <strong className="text-red-800">{notLegitVotes} not</strong>
                </p>
                <div className="mt-1 flex h-2 overflow-hidden rounded-full bg-red-200" aria-hidden>
                  <div className="bg-emerald-500" style={{ width: `${(legitVotes / votes) * 100}%` }} />
                </div>
              </div>
            ) : null}
          </div>
          <div>
            <h3 className="text-sm font-semibold text-slate-700">What callers were</h3>
            <ul className="mt-2 space-y-1.5">
              {categories.map((row) => (
                <li key={row.category} className="flex items-center justify-between gap-2 text-sm">
                  <CategoryBadge category={row.category} />
                  <span className="text-slate-600">{row.count}</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="text-sm font-semibold text-slate-700">What they asked for</h3>
            {askedFor.length ? (
              <ul className="mt-2 space-y-1.5">
                {askedFor.map((row) => (
                  <li key={row.item} className="flex items-center justify-between gap-2 text-sm">
                    <span className="text-slate-800">{ASKED_FOR[row.item as AskedForKey] ?? row.item}</span>
                    <span className="text-slate-600">{row.n}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-sm text-slate-600">Not recorded.</p>
            )}
          </div>
        </div>
      )}
    </Card>
  );
}
