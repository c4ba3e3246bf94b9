import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { CategoryBadge } from "@/components/category-badge";
import { listPromotionCandidates } from "@/lib/registry/candidates";
import { AGE_BUCKETS } from "@/lib/registry/candidate-rules";
import { REPORT_CATEGORIES, type ReportCategoryKey } from "@/lib/display/labels";
import { THRESHOLDS, TRUST_LABELS, type TrustLevel } from "@/lib/trust/rules";
import { ActionForm } from "../action-form";
import { rejectClaimAction } from "../actions";
import { moderatorOrForbidden } from "../guard";
import { Empty, NumberLink, PageHeader, ReasonField, When } from "../ui";
import { readableNumber } from "@/lib/numbers/display";

export const metadata: Metadata = { title: "Promotion candidates", robots: { index: false } };
export const dynamic = "force-dynamic";

const LEVELS: TrustLevel[] = ["STAFF", "TL2", "TL1", "TL0", "SUSPENDED"];

export default async function CandidatesPage() {
  await moderatorOrForbidden();
  const candidates = await listPromotionCandidates();
  const rule = THRESHOLDS.promotion;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Promotion candidates"
        intro={
          <p>
            Claims with a weighted legitimacy bound of at least {Math.round(rule.minBound * 100)}%, at least {rule.minVoters} established voters and an oldest vote at least {rule.minOldestVoteHours} hours old. Check the evidence yourself before promoting.
          </p>
        }
      />
      {candidates.length === 0 ? <Empty>No claim is ready to promote right now.</Empty> : null}
      <ul className="space-y-4">
        {candidates.map((c) => (
          <li key={c.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="candidate" data-e164={c.e164}>
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
              <div>
                <h2 className="text-lg font-semibold">
                  <NumberLink e164={c.e164} /> <span className="font-normal text-slate-500">claimed by</span>{" "}
                  <Link href={`/organisations/${c.organisation.slug}`}>{c.organisation.name}</Link>
                </h2>
                <p className="mt-1 text-sm text-slate-600">
                  Legitimacy bound <strong>{Math.round(c.summary.legitBound * 100)}%</strong> · {c.summary.trustedVoters} established voters · oldest vote{" "}
                  {c.summary.oldestVoteAt ? <When date={c.summary.oldestVoteAt} /> : "—"}
                  {c.organisation.officialPhone ? <> · official number {readableNumber(c.organisation.officialPhone)}</> : null}
                </p>
              </div>
              <Link href={`/moderation/claims/${c.id}/promote`} className={buttonClass("primary", "shrink-0")}>
                Promote
              </Link>
            </div>
            <div className="mt-4 grid gap-4 md:grid-cols-2">
              <div>
                <h3 className="text-sm font-semibold text-slate-700">Votes by trust level</h3>
                <table className="mt-2 w-full text-sm">
                  <thead className="text-left text-slate-500">
                    <tr>
                      <th className="py-1 font-medium">Level</th>
                      <th className="py-1 text-right font-medium">Legitimate</th>
                      <th className="py-1 text-right font-medium">Not</th>
                    </tr>
                  </thead>
                  <tbody>
                    {LEVELS.filter((level) => c.summary.byLevel[level]).map((level) => (
                      <tr key={level} className="border-t border-slate-100">
                        <td className="py-1">{TRUST_LABELS[level]}</td>
                        <td className="py-1 text-right tabular-nums">{c.summary.byLevel[level]!.legit}</td>
                        <td className="py-1 text-right tabular-nums">{c.summary.byLevel[level]!.notLegit}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div>
                <h3 className="text-sm font-semibold text-slate-700">Votes by account age</h3>
                <table className="mt-2 w-full text-sm">
                  <thead className="text-left text-slate-500">
                    <tr>
                      <th className="py-1 font-medium">Account age</th>
                      <th className="py-1 text-right font-medium">Legitimate</th>
                      <th className="py-1 text-right font-medium">Not</th>
                    </tr>
                  </thead>
                  <tbody>
                    {AGE_BUCKETS.map((bucket) => (
                      <tr key={bucket.key} className="border-t border-slate-100">
                        <td className="py-1">{bucket.label}</td>
                        <td className="py-1 text-right tabular-nums">{c.summary.byAge[bucket.key].legit}</td>
                        <td className="py-1 text-right tabular-nums">{c.summary.byAge[bucket.key].notLegit}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
            <div className="mt-4">
              <h3 className="text-sm font-semibold text-slate-700">Reports behind it ({c.reportCount})</h3>
              {c.reports.length === 0 ? (
                <p className="mt-1 text-sm text-slate-500">No reports name this organisation on this number.</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {c.reports.map((report) => (
                    <li key={report.id} className="rounded-lg bg-slate-50 p-3 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        {report.category in REPORT_CATEGORIES ? <CategoryBadge category={report.category as ReportCategoryKey} /> : null}
                        <span className="text-slate-500">
                          <When date={report.createdAt} />
                        </span>
                        {report.hiddenAt ? <span className="text-xs font-semibold text-red-700">Hidden</span> : null}
                      </div>
                      {report.body ? <p className="mt-1 whitespace-pre-line text-slate-800">{report.body}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer font-medium text-slate-700">Reject as impersonation instead</summary>
              <ActionForm action={rejectClaimAction} submitLabel="Reject claim" variant="danger" className="mt-3 space-y-3">
                <input type="hidden" name="claimId" value={c.id} />
                <ReasonField id={`reject-${c.id}`} />
              </ActionForm>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
