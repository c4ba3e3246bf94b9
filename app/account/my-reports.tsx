import Link from "next/link";
import { CategoryBadge } from "@/components/category-badge";
import { buttonClass } from "@/components/ui/button";
import { listMyReports } from "@/lib/accounts/my-data";
import { formatDate } from "@/lib/display/format";
import { AccountSection } from "./section";
import { readableNumber } from "@/lib/numbers/display";

/** The member's reports, newest first; "Show more" asks for `step` more through `?reports=`. */
export async function MyReports({ userId, take, step }: { userId: string; take: number; step: number }) {
  const { reports, total, more } = await listMyReports(userId, take);
  return (
    <AccountSection id="my-reports" title="My reports" action={total > 0 ? <span className="text-sm text-slate-500">{total.toLocaleString("en-AU")} in all</span> : undefined}>
      {reports.length === 0 ? (
        <div className="rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600" data-testid="no-reports">
          <p>You have not reported a call yet.</p>
          <Link href="/report" className={buttonClass("primary", "mt-3")}>Report a call</Link>
        </div>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="my-reports">
          {reports.map((report) => (
            <li key={report.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:gap-4">
              <Link href={`/numbers/${report.e164}`} className="font-mono font-semibold sm:w-40 sm:shrink-0">
                {readableNumber(report.e164)}
              </Link>
              <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <CategoryBadge category={report.category} />
                {report.organisation ? (
                  <span className="min-w-0 truncate text-slate-700">
                    claimed to be <Link href={`/organisations/${report.organisation.slug}`}>{report.organisation.name}</Link>
                  </span>
                ) : null}
                {report.hiddenAt ? <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-600">Hidden by a moderator</span> : null}
              </div>
              <time dateTime={report.occurredAt.toISOString()} className="text-sm text-slate-500 sm:text-right">
                {formatDate(report.occurredAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
      {more ? (
        <div className="mt-3 border-t border-slate-100 pt-3 text-center">
          <Link href={`/account?reports=${take + step}#my-reports`} scroll={false} className={buttonClass("secondary")}>
            Show more reports
          </Link>
        </div>
      ) : null}
    </AccountSection>
  );
}
