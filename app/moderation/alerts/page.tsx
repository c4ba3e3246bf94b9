import type { Metadata } from "next";
import Link from "next/link";
import { listOpenAlerts } from "@/lib/moderation/queues";
import { QUEUE_PAGE_SIZE, queuePage } from "@/lib/platform/queue-pages";
import { firstParam } from "@/lib/platform/search-params";
import { THRESHOLDS } from "@/lib/trust/rules";
import { ActionForm } from "../action-form";
import { alertAction } from "../actions";
import { moderatorOrForbidden } from "../guard";
import { Empty, NumberLink, PageHeader, Pill, QueuePages, ReasonField, When } from "../ui";

export const metadata: Metadata = { title: "Brigading alerts — moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

const rule = THRESHOLDS.brigading;
const KINDS: Record<string, string> = {
  NEW_ACCOUNT_WEIGHT: `Most of the vote weight in ${rule.windowHours} hours came from accounts under ${rule.newAccountDays} days old`,
  VOTE_BURST: `More than ${rule.burstVotes} votes within ${rule.burstWindowMinutes} minutes`,
};

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await moderatorOrForbidden();
  const after = firstParam((await searchParams).after);
  const { items: alerts, next } = queuePage(await listOpenAlerts(QUEUE_PAGE_SIZE + 1, after));
  return (
    <div className="space-y-6">
      <PageHeader title="Brigading alerts" intro={<p>Raised by the voting rules. Look at the claim's votes, suspend accounts that brigade, then resolve the alert.</p>} />
      {alerts.length === 0 && !after ? <Empty>No open alerts. Claims that get a burst of votes, or votes mostly from new accounts, appear here.</Empty> : null}
      <ul className="space-y-4">
        {alerts.map((alert) => (
          <li key={alert.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="alert-item">
            <div className="flex flex-wrap items-center gap-2">
              <Pill tone="warn">{alert.kind === "VOTE_BURST" ? "Vote burst" : "New accounts"}</Pill>
              <NumberLink e164={alert.claim.e164} />
              <span className="text-slate-600">
                {alert.claim.organisation ? (
                  <>
                    as <Link href={`/organisations/${alert.claim.organisation.slug}`}>{alert.claim.organisation.name}</Link>
                  </>
                ) : (
                  "is legitimate"
                )}
              </span>
              <span className="text-sm text-slate-500">
                <When date={alert.createdAt} />
              </span>
            </div>
            <p className="mt-2 text-sm text-slate-700">{KINDS[alert.kind] ?? alert.kind}.</p>
            <p className="mt-1 text-sm text-slate-500">
              Votes now: {alert.claim.legitVotes} legitimate, {alert.claim.notLegitVotes} not · claim {alert.claim.status.toLowerCase()}
            </p>
            <ActionForm action={alertAction} submitLabel="Resolve" variant="secondary" className="mt-3 space-y-2 sm:max-w-md">
              <input type="hidden" name="alertId" value={alert.id} />
              <ReasonField id={`alert-${alert.id}`} placeholder="What you found" />
            </ActionForm>
          </li>
        ))}
      </ul>
      <QueuePages path="/moderation/alerts" after={after} next={next} shown={alerts.length} />
    </div>
  );
}
