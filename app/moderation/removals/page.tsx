import type { Metadata } from "next";
import { plural } from "@/lib/display/format";
import { QUEUE_PAGE_SIZE, queuePage } from "@/lib/platform/queue-pages";
import { listPendingRemovals } from "@/lib/moderation/removals";
import { firstParam } from "@/lib/platform/search-params";
import { ActionForm } from "../action-form";
import { removalAction } from "../actions";
import { moderatorOrForbidden } from "../guard";
import { Empty, NumberLink, PageHeader, Pill, QueuePages, ReasonField, When } from "../ui";

export const metadata: Metadata = { title: "Removal requests — moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function RemovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await moderatorOrForbidden();
  const after = firstParam((await searchParams).after);
  const { items: requests, next } = queuePage(await listPendingRemovals(QUEUE_PAGE_SIZE + 1, after));
  return (
    <div className="space-y-6">
      <PageHeader title="Removal requests" intro={<p>Approving hides the number's comments and report texts from everyone but moderators, and the number page says why. Votes, counts and the verdict stay.</p>} />
      {requests.length === 0 && !after ? <Empty>No pending requests. Requests sent from a number page&apos;s “Request removal” link appear here.</Empty> : null}
      <ul className="space-y-4">
        {requests.map((request) => (
          <li key={request.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="removal-request" data-e164={request.e164}>
            <div className="flex flex-wrap items-center gap-2">
              <NumberLink e164={request.e164} />
              <span className="text-sm text-slate-500">
                <When date={request.createdAt} /> · {plural(request.number.reportCount, "report")} · {plural(request.number.commentCount, "comment")}
              </span>
              {request.number.contentHiddenAt ? <Pill tone="warn">Already hidden</Pill> : null}
            </div>
            <p className="mt-2 text-sm text-slate-700">
              From <strong>{request.name}</strong> &lt;{request.email}&gt;
            </p>
            <blockquote className="mt-2 whitespace-pre-line break-words rounded-lg bg-slate-50 p-3 text-slate-800">{request.reason}</blockquote>
            <div className="mt-4 grid gap-3 md:grid-cols-2">
              {(["approve", "reject"] as const).map((decision) => (
                <ActionForm key={decision} action={removalAction} submitLabel={decision === "approve" ? "Approve and hide texts" : "Reject request"} variant={decision === "approve" ? "primary" : "secondary"} className="space-y-2 rounded-lg border border-slate-100 p-3">
                  <input type="hidden" name="requestId" value={request.id} />
                  <input type="hidden" name="decision" value={decision} />
                  <ReasonField id={`${decision}-${request.id}`} label={decision === "approve" ? "Reason to approve" : "Reason to reject"} />
                </ActionForm>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <QueuePages path="/moderation/removals" after={after} next={next} shown={requests.length} />
    </div>
  );
}
