import "server-only";
import { createHash } from "node:crypto";
import { db, type Tx } from "../platform/db";
import { env } from "../platform/env";
import { formatE164 } from "../numbers/phone";
import { buildAlertEmail } from "./email";
import { parseWatchKey, type AlertEventData, type WatchKey } from "./kinds";
import { emailDueAt, instantDueAt } from "./schedule";
import { unsubscribeToken } from "./unsubscribe-token";

// Step 2: due notifications become e-mails. A group is one member's "at once" notifications for one
// watch, or all of a member's daily-digest notifications. Sending a group is one transaction that
// writes the outbox message, the AlertEmail row (unique idempotency key) and marks the notifications,
// under a lock on the member's row: a retried, duplicated or restarted job finds nothing left to send.

export type EmailGroup = { userId: string; watchKey: WatchKey | null };

export const groupKey = (group: EmailGroup) => `${group.userId}:${group.watchKey ?? "digest"}`;

export async function listDueGroups(now: Date = new Date(), take = 200): Promise<EmailGroup[]> {
  const rows = await db.$queryRaw<{ userId: string; watchKey: string | null }[]>`
    SELECT "userId", CASE WHEN "emailMode" = 'DAILY' THEN NULL ELSE "watchKey" END AS "watchKey"
    FROM "Notification"
    WHERE "alertEmailId" IS NULL AND "emailDueAt" <= ${now}
    GROUP BY 1, 2
    ORDER BY min("emailDueAt")
    LIMIT ${take}`;
  return rows.map((row) => ({ userId: row.userId, watchKey: row.watchKey as WatchKey | null }));
}

type WatchState = { alertMode: "INSTANT" | "DAILY" | "OFF"; lastAlertedAt: Date | null; label: string } | null;

async function watchState(tx: Tx, userId: string, watchKey: string): Promise<WatchState> {
  const key = parseWatchKey(watchKey);
  if (key?.kind === "NUMBER") {
    const watch = await tx.watch.findUnique({ where: { userId_e164: { userId, e164: key.e164 } }, select: { alertMode: true, lastAlertedAt: true } });
    return watch ? { ...watch, label: formatE164(key.e164).international } : null;
  }
  if (key?.kind === "ORGANISATION") {
    const watch = await tx.organisationWatch.findUnique({
      where: { userId_organisationId: { userId, organisationId: key.organisationId } },
      select: { alertMode: true, lastAlertedAt: true, organisation: { select: { name: true } } },
    });
    return watch ? { alertMode: watch.alertMode, lastAlertedAt: watch.lastAlertedAt, label: watch.organisation.name } : null;
  }
  return null;
}

async function touchWatch(tx: Tx, userId: string, watchKey: string, at: Date) {
  const key = parseWatchKey(watchKey);
  if (key?.kind === "NUMBER") await tx.watch.updateMany({ where: { userId, e164: key.e164 }, data: { lastAlertedAt: at } });
  if (key?.kind === "ORGANISATION") await tx.organisationWatch.updateMany({ where: { userId, organisationId: key.organisationId }, data: { lastAlertedAt: at } });
}

export type SentGroup = { outboxEmailId: string; alertEmailId: string; events: number } | null;

export async function sendGroup(group: EmailGroup, now: Date = new Date()): Promise<SentGroup> {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${group.userId} FOR UPDATE`;
      const user = await tx.user.findUnique({
        where: { id: group.userId },
        select: { email: true, name: true, suspendedAt: true, deletedAt: true, alertsPausedAt: true, emailVerified: true },
      });
      const notes = await tx.notification.findMany({
        where: {
          userId: group.userId,
          alertEmailId: null,
          emailDueAt: { lte: now },
          ...(group.watchKey ? { watchKey: group.watchKey, emailMode: { not: "DAILY" } } : { emailMode: "DAILY" }),
        },
        orderBy: { createdAt: "asc" },
        take: 100,
        select: { id: true, watchKey: true, emailMode: true, event: { select: { kind: true, e164: true, organisationId: true, data: true, createdAt: true } } },
      });
      if (notes.length === 0) return null;
      const ids = notes.map((note) => note.id);
      // Suspended, deleted, paused or unconfirmed: nothing is e-mailed; the notifications stay in "What's new".
      if (!user || user.suspendedAt || user.deletedAt || user.alertsPausedAt || !user.emailVerified) {
        await tx.notification.updateMany({ where: { id: { in: ids } }, data: { emailDueAt: null } });
        return null;
      }
      // The member may have changed a watch's mode (or dropped it) since the event was fanned out.
      const states = new Map<string, WatchState>();
      for (const key of new Set(notes.map((note) => note.watchKey))) states.set(key, await watchState(tx, group.userId, key));
      const wanted = group.watchKey ? "INSTANT" : "DAILY";
      const keep: typeof notes = [];
      for (const note of notes) {
        const state = states.get(note.watchKey);
        if (state?.alertMode === wanted) keep.push(note);
        else await tx.notification.update({ where: { id: note.id }, data: state ? { emailMode: state.alertMode, emailDueAt: emailDueAt(state.alertMode, false, now, state.lastAlertedAt) } : { emailDueAt: null } });
      }
      if (keep.length === 0) return null;
      const state = group.watchKey ? states.get(group.watchKey)! : null;
      if (state && group.watchKey) {
        const due = instantDueAt(now, state.lastAlertedAt);
        if (due > now) {
          await tx.notification.updateMany({ where: { id: { in: keep.map((n) => n.id) } }, data: { emailDueAt: due } });
          return null;
        }
      }
      const scope: WatchKey | "all" = group.watchKey ?? "all";
      const base = env.APP_URL.replace(/\/+$/, "");
      const token = unsubscribeToken(group.userId, scope);
      const mail = buildAlertEmail({
        appUrl: base,
        to: user.email,
        name: user.name,
        digest: !group.watchKey,
        watchLabel: state?.label ?? "your watches",
        events: keep.map((note) => ({ ...note.event, data: (note.event.data ?? {}) as AlertEventData })),
        unsubscribePostUrl: `${base}/api/alerts/unsubscribe?token=${encodeURIComponent(token)}`,
        unsubscribePageUrl: `${base}/alerts/unsubscribe?token=${encodeURIComponent(token)}`,
      });
      const keepIds = keep.map((note) => note.id);
      const idempotencyKey = `${groupKey(group)}:${createHash("sha256").update(keepIds.join(",")).digest("base64url")}`;
      const outbox = await tx.outboxEmail.create({ data: mail, select: { id: true } });
      const alertEmail = await tx.alertEmail.create({ data: { userId: group.userId, idempotencyKey, watchKey: group.watchKey, outboxEmailId: outbox.id }, select: { id: true } });
      await tx.notification.updateMany({ where: { id: { in: keepIds } }, data: { alertEmailId: alertEmail.id } });
      if (group.watchKey) await touchWatch(tx, group.userId, group.watchKey, now);
      return { outboxEmailId: outbox.id, alertEmailId: alertEmail.id, events: keep.length };
    },
    { maxWait: 20_000, timeout: 30_000 },
  );
}

/**
 * Alert e-mails stored but not yet handed to SMTP (a worker stopped between the two steps, or every
 * retry failed): the worker enqueues their delivery again, for up to a day.
 */
export async function listUndeliveredAlertEmails(now: Date = new Date(), take = 100): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM "AlertEmail" a JOIN "OutboxEmail" o ON o.id = a."outboxEmailId"
    WHERE o."sentAt" IS NULL AND a."createdAt" < ${new Date(now.getTime() - 60_000)} AND a."createdAt" > ${new Date(now.getTime() - 86_400_000)}
    ORDER BY a."createdAt" LIMIT ${take}`;
  return rows.map((row) => row.id);
}
