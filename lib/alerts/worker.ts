import "server-only";
import PgBoss from "pg-boss";
import { deliverOutboxEmail } from "../platform/mail";
import { flushAllOrganisationAlerts } from "../representatives/alerts";
import { env } from "../platform/env";
import { log as logger } from "../platform/log";
import { fanOutEvent, listPendingEvents, sweepVerdictsAfterVotes } from "./fanout";
import { groupKey, listDueGroups, listUndeliveredAlertEmails, sendGroup, type EmailGroup } from "./send";
import { QUEUES } from "./queues";

// The alert worker: pg-boss queues on the app's own PostgreSQL (schema "pgboss").
//  - every tick, events in the AlertEvent outbox and due e-mail groups are enqueued, one job each;
//    the "stately" policy keeps at most one queued and one running job per key;
//  - alert-fanout turns an event into notifications; alert-email sends one group (./send.ts);
//    alert-delivery hands a stored message to SMTP when SMTP_URL is set;
//  - a failed job is retried with exponential backoff; every step is idempotent in the database,
//    so a job repeated after a crash or a duplicate enqueue sends nothing twice.

const QUEUE_OPTIONS = { policy: "stately", retryLimit: 6, retryDelay: 10, retryBackoff: true, expireInSeconds: 300, retentionMinutes: 7 * 24 * 60 } as const;

export type AlertWorker = { stop: () => Promise<void>; tick: () => Promise<void> };

export type AlertWorkerOptions = {
  connectionString: string;
  /** How often the outbox and the due e-mails are read (ms). */
  pollMs?: number;
  log?: (message: string) => void;
  /** Test hook: called after each committed alert e-mail (before its job completes). */
  afterEmail?: (sent: number) => Promise<void> | void;
};

export async function startAlertWorker(options: AlertWorkerOptions): Promise<AlertWorker> {
  // JSON lines like the app's (lib/platform/log.ts), so the worker's container logs read as the instances' do.
  const log = options.log ?? ((message: string) => logger.info({ component: "alerts-worker" }, message));
  const boss = new PgBoss({ connectionString: options.connectionString, schema: "pgboss", max: 4, supervise: true, schedule: false });
  boss.on("error", (error) => log(`queue error: ${error instanceof Error ? error.message : String(error)}`));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name, { name, ...QUEUE_OPTIONS });

  let sent = 0;
  const work = { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, (options.pollMs ?? 2000) / 1000) };
  await boss.work<{ eventId: string }>(QUEUES.fanout, work, async ([job]) => {
    await fanOutEvent(job.data.eventId);
  });
  await boss.work<EmailGroup>(QUEUES.email, work, async ([job]) => {
    const result = await sendGroup(job.data);
    if (!result) return;
    sent += 1;
    if (env.SMTP_URL) await boss.send(QUEUES.delivery, { outboxEmailId: result.outboxEmailId }, { singletonKey: result.outboxEmailId });
    await options.afterEmail?.(sent);
  });
  await boss.work<{ outboxEmailId: string }>(QUEUES.delivery, work, async ([job]) => {
    await deliverOutboxEmail(job.data.outboxEmailId);
  });

  let lastSweep = 0;
  const tick = async () => {
    if (Date.now() - lastSweep > 30_000) {
      lastSweep = Date.now();
      await sweepVerdictsAfterVotes();
      // Organisations' impersonation alerts queued inside their hour (lib/representatives/alerts.ts).
      await flushAllOrganisationAlerts();
      if (env.SMTP_URL) for (const outboxEmailId of await listUndeliveredAlertEmails()) await boss.send(QUEUES.delivery, { outboxEmailId }, { singletonKey: outboxEmailId });
    }
    for (const eventId of await listPendingEvents()) await boss.send(QUEUES.fanout, { eventId }, { singletonKey: eventId });
    for (const group of await listDueGroups()) await boss.send(QUEUES.email, group, { singletonKey: groupKey(group) });
  };
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    try {
      await tick();
    } catch (error) {
      log(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (running) timer = setTimeout(loop, options.pollMs ?? 2000);
  };
  void loop();
  log("worker started");
  return {
    tick,
    stop: async () => {
      running = false;
      if (timer) clearTimeout(timer);
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}
