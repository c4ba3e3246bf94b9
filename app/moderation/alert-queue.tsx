import { getAlertQueueStats } from "@/lib/alerts/dashboard";
import { formatDateTime, relativeTime } from "@/lib/display/format";

/** The alert worker's queue on the dashboard: queued, sent, failed, and the latest failures. */
export async function AlertQueue() {
  const stats = await getAlertQueueStats();
  const figures = [
    { label: "Queued", value: stats.eventsWaiting + stats.emailsDueNow + (stats.jobs?.queued ?? 0), note: `${stats.eventsWaiting} events to fan out, ${stats.emailsDueNow} e-mails due` },
    { label: "Scheduled", value: stats.emailsScheduled, note: "waiting for the hour or the daily digest" },
    { label: "Sent (24 h)", value: stats.sentLastDay, note: stats.lastFanOutAt ? `last event handled ${relativeTime(stats.lastFanOutAt)}` : "no event handled yet" },
    { label: "Failed", value: stats.jobs?.failed ?? 0, note: stats.jobs ? `${stats.jobs.retrying} retrying, ${stats.jobs.active} running` : "worker not started yet" },
  ];
  return (
    <section aria-labelledby="alert-queue-heading" className="space-y-3" data-testid="alert-queue">
      <h2 id="alert-queue-heading" className="text-lg font-semibold">Alert e-mail</h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {figures.map((figure) => (
          <li key={figure.label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={`alert-queue-${figure.label.split(" ")[0].toLowerCase()}`}>
            <p className="text-sm font-semibold text-slate-700">{figure.label}</p>
            <p className="text-2xl font-bold tabular-nums">{figure.value}</p>
            <p className="text-xs text-slate-500">{figure.note}</p>
          </li>
        ))}
      </ul>
      {stats.jobs === null ? (
        <p className="text-sm text-amber-800">The alert worker has not run against this database yet. In production start it with <code>npm run worker</code>.</p>
      ) : null}
      {stats.recentFailures.length > 0 ? (
        <div className="rounded-xl border border-red-200 bg-white p-4">
          <h3 className="text-sm font-semibold text-red-800">Recent failures</h3>
          <ul className="mt-2 space-y-1 text-sm">
            {stats.recentFailures.map((failure, i) => (
              <li key={i} className="break-words">
                <span className="font-mono text-xs">{failure.queue}</span> · {failure.at ? formatDateTime(failure.at) : "—"} · {failure.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
