import Link from "next/link";
import { formatDate, plural } from "@/lib/display/format";
import { listWatches } from "@/lib/watches/watch";
import { AccountSection } from "./section";
import { WatchToggle } from "./watch-toggle";
import { readableNumber } from "@/lib/numbers/display";

export async function MyWatches({ userId }: { userId: string }) {
  const watches = await listWatches(userId);
  return (
    <AccountSection id="my-watches" title="My watches">
      <p className="-mt-2 mb-3 text-sm text-slate-600">
        Watched numbers are listed here with their latest activity. Choose how we e-mail you about them under Alerts.
      </p>
      {watches.length === 0 ? (
        <p className="rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600" data-testid="no-watches">
          You are not watching any numbers. Choose &ldquo;Watch this number&rdquo; on a number&apos;s page to follow it here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="my-watches">
          {watches.map((watch) => {
            return (
              <li key={watch.e164} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4" data-testid="watched-number">
                <div className="min-w-0 flex-1">
                  <Link href={`/numbers/${watch.e164}`} className="font-mono font-semibold">{readableNumber(watch.e164)}</Link>
                  <p className="text-sm text-slate-600">
                    {plural(watch.reportCount, "report")}
                    {watch.commentCount > 0 ? ` · ${plural(watch.commentCount, "comment")}` : ""} ·{" "}
                    {watch.lastReportedAt ? <>last reported {formatDate(watch.lastReportedAt)}</> : "not reported yet"}
                  </p>
                </div>
                <WatchToggle e164={watch.e164} watching label={readableNumber(watch.e164)} className="w-full sm:w-auto" showMessage={false} />
              </li>
            );
          })}
        </ul>
      )}
    </AccountSection>
  );
}
