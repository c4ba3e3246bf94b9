import Link from "next/link";
import type { ReactNode } from "react";
import { formatDateTime, relativeTime } from "@/lib/display/format";
import { readableNumber } from "@/lib/numbers/display";

export function PageHeader({ title, intro, back = true }: { title: string; intro?: ReactNode; back?: boolean }) {
  return (
    <div className="space-y-2">
      {back ? (
        <Link href="/moderation" className="text-sm font-medium">
          ← Moderation
        </Link>
      ) : null}
      <h1 className="text-2xl font-bold sm:text-3xl">{title}</h1>
      {intro ? <div className="max-w-3xl text-slate-600">{intro}</div> : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-slate-600">{children}</p>;
}

export function NumberLink({ e164 }: { e164: string }) {
  return (
    <Link href={`/numbers/${encodeURIComponent(e164)}`} className="font-semibold tabular-nums">
      {readableNumber(e164)}
    </Link>
  );
}

export function When({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {relativeTime(date)}
    </time>
  );
}

export function Pill({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "good" | "bad" | "warn" }) {
  const tones = {
    neutral: "bg-slate-100 text-slate-700 ring-slate-200",
    good: "bg-emerald-100 text-emerald-800 ring-emerald-200",
    bad: "bg-red-100 text-red-800 ring-red-200",
    warn: "bg-amber-100 text-amber-900 ring-amber-200",
  };
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

export function ReasonField({ id, label = "Reason", placeholder }: { id: string; label?: string; placeholder?: string }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name="reason"
        required
        minLength={3}
        maxLength={500}
        placeholder={placeholder ?? "Goes into the audit log"}
        className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/50"
      />
    </div>
  );
}

/**
 * "Next page" of a queue, and back to its first page. `param` names the cursor (a page with two queues
 * gives each its own); `keep` carries the page's other parameters along. A page asked for after an item
 * that has left the queue meanwhile (resolved, deleted) comes back empty (`shown` 0), and this says so.
 */
export function QueuePages({ path, after, next, shown, param = "after", keep = {} }: { path: string; after?: string; next: string | null; shown: number; param?: string; keep?: Record<string, string | undefined> }) {
  if (!after && !next) return null;
  const stale = Boolean(after) && shown === 0;
  const href = (cursor?: string) => {
    const query = new URLSearchParams(Object.entries({ ...keep, [param]: cursor }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return query.size ? `${path}?${query}` : path;
  };
  return (
    <nav aria-label="Queue pages" className="flex flex-wrap items-baseline gap-3 text-sm">
      {stale ? <span className="text-slate-600">Nothing after that point: it may have been dealt with meanwhile.</span> : null}
      {after ? <Link href={href()}>← First page</Link> : null}
      {next ? (
        <Link href={href(next)} rel="next">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
