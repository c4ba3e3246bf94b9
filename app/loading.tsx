export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4 py-6">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-2/3 rounded bg-slate-200" />
      <div className="h-4 w-full rounded bg-slate-200" />
      <div className="h-4 w-5/6 rounded bg-slate-200" />
      <div className="h-40 w-full rounded-xl bg-slate-200" />
    </div>
  );
}
