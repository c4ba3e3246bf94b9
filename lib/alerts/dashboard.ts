import "server-only";
import { db } from "../platform/db";
import { QUEUES } from "./queues";

export type AlertQueueStats = {
  eventsWaiting: number;
  emailsDueNow: number;
  emailsScheduled: number;
  sentLastDay: number;
  lastFanOutAt: Date | null;
  /** null when the worker has never run against this database (pg-boss has not created its tables). */
  jobs: { queued: number; active: number; retrying: number; failed: number } | null;
  recentFailures: { queue: string; message: string; at: Date | null }[];
};

/** For the moderation dashboard: what the alert worker has queued, sent and failed. */
export async function getAlertQueueStats(now: Date = new Date()): Promise<AlertQueueStats> {
  const [eventsWaiting, emailsDueNow, emailsScheduled, sentLastDay, last] = await Promise.all([
    db.alertEvent.count({ where: { fannedOutAt: null } }),
    db.notification.count({ where: { alertEmailId: null, emailDueAt: { lte: now } } }),
    db.notification.count({ where: { alertEmailId: null, emailDueAt: { gt: now } } }),
    db.alertEmail.count({ where: { createdAt: { gte: new Date(now.getTime() - 86_400_000) } } }),
    db.alertEvent.aggregate({ _max: { fannedOutAt: true } }),
  ]);
  const names = Object.values(QUEUES);
  let jobs: AlertQueueStats["jobs"] = null;
  let recentFailures: AlertQueueStats["recentFailures"] = [];
  try {
    const rows = await db.$queryRaw<{ state: string; count: number }[]>`
      SELECT state::text AS state, count(*)::int AS count FROM pgboss.job WHERE name = ANY(${names}) GROUP BY state`;
    const by = (state: string) => rows.find((row) => row.state === state)?.count ?? 0;
    jobs = { queued: by("created"), active: by("active"), retrying: by("retry"), failed: by("failed") };
    const failures = await db.$queryRaw<{ name: string; message: string | null; at: Date | null }[]>`
      SELECT name, left(coalesce(output->>'message', output::text), 300) AS message, completed_on AS at
      FROM pgboss.job WHERE name = ANY(${names}) AND state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT 5`;
    recentFailures = failures.map((row) => ({ queue: row.name, message: row.message ?? "(no message)", at: row.at }));
  } catch (error) {
    // 42P01: pgboss.job does not exist yet (the worker has never started here).
    if (!(error instanceof Error && /42P01|does not exist/.test(`${(error as { code?: string }).code ?? ""} ${error.message}`))) throw error;
  }
  return { eventsWaiting, emailsDueNow, emailsScheduled, sentLastDay, lastFanOutAt: last._max.fannedOutAt, jobs, recentFailures };
}
