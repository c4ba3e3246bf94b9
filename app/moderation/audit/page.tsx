import type { Metadata } from "next";
import { firstParam, type RawParams } from "@/lib/platform/search-params";
import Link from "next/link";
import { InputField, inputClass } from "@/components/ui/field";
import { listAudit, listAuditActions } from "@/lib/platform/audit";
import { formatDateTime } from "@/lib/display/format";
import { moderatorOrForbidden } from "../guard";
import { Empty, PageHeader } from "../ui";

export const metadata: Metadata = { title: "Audit log — moderation", robots: { index: false } };
export const dynamic = "force-dynamic";


const short = (value: unknown) => {
  if (value === null || value === undefined) return "—";
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  await moderatorOrForbidden();
  const params = await searchParams;
  const filters = { actor: firstParam(params.actor, 100), action: firstParam(params.action, 100), target: firstParam(params.target, 100), cursor: firstParam(params.cursor, 100) };
  const [{ rows, nextCursor }, actions] = await Promise.all([listAudit(filters), listAuditActions()]);
  const next = new URLSearchParams(Object.entries({ ...filters, cursor: nextCursor ?? "" }).filter(([, v]) => v) as [string, string][]);
  return (
    <div className="space-y-6">
      <PageHeader title="Audit log" intro={<p>Every moderator and admin action, newest first. Entries cannot be edited or deleted.</p>} />
      <form className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-4 sm:items-end" role="search" aria-label="Filter the audit log">
        <InputField id="audit-actor" name="actor" label="Actor" defaultValue={filters.actor} placeholder="Name or e-mail" />
        <div className="space-y-1.5">
          <label htmlFor="audit-action" className="block text-sm font-medium">Action</label>
          <select id="audit-action" name="action" defaultValue={filters.action ?? ""} className={inputClass}>
            <option value="">Any action</option>
            {actions.map((action) => (
              <option key={action} value={action}>{action}</option>
            ))}
          </select>
        </div>
        <InputField id="audit-target" name="target" label="Target" defaultValue={filters.target} placeholder="Id, or a type such as Claim" />
        <div className="flex gap-2">
          <button type="submit" className="rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700">Filter</button>
          <Link href="/moderation/audit" className="rounded-lg px-4 py-2.5 text-sm font-semibold text-slate-700 no-underline ring-1 ring-slate-300 hover:bg-slate-50 hover:no-underline">Clear</Link>
        </div>
      </form>
      {rows.length === 0 ? <Empty>No entries match.</Empty> : null}
      <ol className="space-y-3">
        {rows.map((row) => (
          <li key={row.id} className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="audit-entry" data-action={row.action} data-target={row.targetId}>
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-semibold text-slate-800">{row.action}</code>
              <span>
                by <Link href={`/moderation/audit?actor=${encodeURIComponent(row.actor.email)}`}>{row.actor.name}</Link>
              </span>
              <span className="text-slate-500">
                on <Link href={`/moderation/audit?target=${encodeURIComponent(row.targetId)}`}>{row.targetType} {row.targetId}</Link>
              </span>
              <time className="text-slate-500 sm:ml-auto" dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt)}</time>
            </div>
            {row.reason ? <p className="mt-2 break-words text-slate-800">Reason: {row.reason}</p> : null}
            <dl className="mt-2 grid gap-1 text-xs text-slate-600 sm:grid-cols-[4rem_1fr]">
              <dt className="font-semibold">Before</dt>
              <dd className="break-all font-mono">{short(row.before)}</dd>
              <dt className="font-semibold">After</dt>
              <dd className="break-all font-mono">{short(row.after)}</dd>
            </dl>
          </li>
        ))}
      </ol>
      {nextCursor ? (
        <Link href={`/moderation/audit?${next.toString()}`} className="inline-block font-semibold">
          Older entries →
        </Link>
      ) : null}
    </div>
  );
}
