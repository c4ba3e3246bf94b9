export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-6">
      <span className="sr-only">Loading the number…</span>
      <div className="space-y-2">
        <div className="h-9 w-64 rounded bg-slate-200" />
        <div className="h-4 w-48 rounded bg-slate-200" />
      </div>
      <div className="h-32 rounded-2xl bg-slate-200" />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="h-44 rounded-xl bg-slate-200" />
        <div className="h-44 rounded-xl bg-slate-200" />
      </div>
      <div className="h-72 rounded-xl bg-slate-200" />
    </div>
  );
}
