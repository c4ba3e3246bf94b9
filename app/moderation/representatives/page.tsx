import type { Metadata } from "next";
import Link from "next/link";
import { listRecentStatements } from "@/lib/representatives/statements";
import { listRepresentatives } from "@/lib/representatives/representation";
import { QUEUE_PAGE_SIZE, queuePage } from "@/lib/platform/queue-pages";
import { firstParam, type RawParams } from "@/lib/platform/search-params";
import { ActionForm } from "../action-form";
import { moderatorOrForbidden } from "../guard";
import { Empty, NumberLink, PageHeader, Pill, QueuePages, ReasonField, When } from "../ui";
import { approveRepresentativeAction, hideStatementAction, revokeRepresentativeAction } from "./actions";

export const metadata: Metadata = { title: "Representatives — moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function RepresentativesPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  await moderatorOrForbidden();
  const params = await searchParams;
  const after = firstParam(params.after);
  const activeAfter = firstParam(params.activeAfter);
  const [pendingRows, activeRows, statements] = await Promise.all([
    listRepresentatives({ status: "PENDING", take: QUEUE_PAGE_SIZE + 1, after }),
    listRepresentatives({ status: "ACTIVE", take: QUEUE_PAGE_SIZE + 1, after: activeAfter }),
    listRecentStatements(),
  ]);
  const pending = queuePage(pendingRows);
  const active = queuePage(activeRows);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Representatives"
        intro={<p>Members confirmed by an e-mail at the organisation&apos;s domain become active by themselves; the others wait here for your approval with evidence.</p>}
      />
      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="text-lg font-semibold">Waiting (oldest first)</h2>
        {pending.items.length === 0 && !after ? <Empty>No requests waiting.</Empty> : null}
        <RepresentativeList reps={pending.items} />
        <QueuePages path="/moderation/representatives" after={after} next={pending.next} keep={{ activeAfter }} shown={pending.items.length} />
      </section>
      <section aria-labelledby="active-heading" className="space-y-3">
        <h2 id="active-heading" className="text-lg font-semibold">Active (newest first)</h2>
        {active.items.length === 0 && !activeAfter ? <Empty>No active representatives.</Empty> : null}
        <RepresentativeList reps={active.items} />
        <QueuePages path="/moderation/representatives" param="activeAfter" after={activeAfter} next={active.next} keep={{ after }} shown={active.items.length} />
      </section>

      <section aria-labelledby="statements-heading" className="space-y-3">
        <h2 id="statements-heading" className="text-lg font-semibold">Organisation statements</h2>
        {statements.length === 0 ? <Empty>No statements yet.</Empty> : null}
        <ul className="space-y-4">
          {statements.map((statement) => (
            <li key={statement.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="statement">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <NumberLink e164={statement.e164} />
                <span>
                  {statement.organisation.name} · by {statement.author.name} · <When date={statement.updatedAt} />
                </span>
                {statement.hiddenAt ? <Pill tone="warn">Hidden: {statement.hiddenReason}</Pill> : null}
              </div>
              <blockquote className="mt-2 whitespace-pre-line break-words rounded-lg bg-slate-50 p-3 text-slate-800">{statement.body}</blockquote>
              {statement.hiddenAt ? null : (
                <ActionForm action={hideStatementAction} submitLabel="Hide statement" variant="secondary" className="mt-3 space-y-2">
                  <input type="hidden" name="statementId" value={statement.id} />
                  <ReasonField id={`hide-${statement.id}`} label="Reason to hide" />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

type Representative = Awaited<ReturnType<typeof listRepresentatives>>[number];

function RepresentativeList({ reps }: { reps: Representative[] }) {
  if (reps.length === 0) return null;
  return (
    <ul className="space-y-4">
      {reps.map((rep) => (
        <li key={rep.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="representative" data-status={rep.status}>
          <div className="flex flex-wrap items-center gap-2">
            <strong>{rep.user.name}</strong>
            <span className="text-sm text-slate-600">
              &lt;{rep.email}&gt; for <Link href={`/organisations/${rep.organisation.slug}`}>{rep.organisation.name}</Link> · <When date={rep.createdAt} />
            </span>
            <Pill tone={rep.status === "ACTIVE" ? "good" : "warn"}>{rep.status === "ACTIVE" ? (rep.method === "DOMAIN_EMAIL" ? "Active (domain e-mail)" : "Active (approved)") : rep.method === "DOMAIN_EMAIL" ? "Awaiting e-mail link" : "Awaiting approval"}</Pill>
          </div>
          {rep.evidence ? <blockquote className="mt-2 whitespace-pre-line break-words rounded-lg bg-slate-50 p-3 text-slate-800">{rep.evidence}</blockquote> : null}
          <div className="mt-4 grid gap-3 md:grid-cols-2">
            {rep.status === "PENDING" ? (
              <ActionForm action={approveRepresentativeAction} submitLabel="Approve" className="space-y-2 rounded-lg border border-slate-100 p-3">
                <input type="hidden" name="representativeId" value={rep.id} />
                <ReasonField id={`approve-${rep.id}`} label="What you checked" />
              </ActionForm>
            ) : null}
            <ActionForm action={revokeRepresentativeAction} submitLabel={rep.status === "PENDING" ? "Decline" : "Revoke"} variant="secondary" className="space-y-2 rounded-lg border border-slate-100 p-3">
              <input type="hidden" name="representativeId" value={rep.id} />
              <ReasonField id={`revoke-${rep.id}`} label="Reason" />
            </ActionForm>
          </div>
        </li>
      ))}
    </ul>
  );
}
