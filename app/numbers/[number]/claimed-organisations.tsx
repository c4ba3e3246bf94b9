import Link from "next/link";
import type { NumberPage } from "@/lib/numbers/page";
import { readableNumber } from "@/lib/numbers/display";

const statusBadge = {
  VERIFIED: { label: "Verified number", className: "bg-emerald-100 text-emerald-800 ring-emerald-200" },
  REJECTED: { label: "Not theirs", className: "bg-red-100 text-red-800 ring-red-200" },
  UNVERIFIED: { label: "Not in the registry", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  REVOKED: { label: "No longer listed", className: "bg-slate-100 text-slate-700 ring-slate-200" },
} as const;

/** The organisations callers claimed to be, with how many reports named each. */
export function ClaimedOrganisations({ page }: { page: NumberPage }) {
  return (
    <section aria-labelledby="claimed-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="claimed-heading" className="text-lg font-semibold text-slate-900">Who callers claimed to be</h2>
      {page.organisations.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No one has said which organisation this caller claimed to be.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" data-testid="claimed-organisations">
          {page.organisations.map((claim) => {
            const badge = statusBadge[claim.status];
            const { name, slug, officialPhone, verifiedNumberCount } = claim.organisation;
            return (
              <li key={claim.claimId} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="min-w-0 break-words">
                    <Link href={`/organisations/${slug}`} className="font-semibold">
                      {name}
                    </Link>
                    {claim.organisation.proposed ? (
                      // Named by a member and not yet checked by a moderator (issue 4: "marked proposed").
                      <span className="ml-2 text-xs font-medium text-slate-600" data-testid="proposed-organisation">proposed by a member, not yet checked</span>
                    ) : null}
                  </span>
                  <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${badge.className}`}>{badge.label}</span>
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  {claim.reportCount === 0 && claim.status === "VERIFIED"
                    ? "In the registry as its number; no report has named it yet"
                    : `${claim.reportCount.toLocaleString("en-AU")} ${claim.reportCount === 1 ? "report" : "reports"}`}
                  {verifiedNumberCount > 0 && claim.status !== "VERIFIED" ? ` · ${name} has ${verifiedNumberCount} verified ${verifiedNumberCount === 1 ? "number" : "numbers"}` : ""}
                  {officialPhone ? (
                    <>
                      {" "}
                      · Official number{" "}
                      <a href={`tel:${officialPhone}`} className="whitespace-nowrap">
                        {readableNumber(officialPhone)}
                      </a>
                    </>
                  ) : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
