import "server-only";
import { db } from "../platform/db";
import { getNumberPage } from "../numbers/page";
import { VERDICT_LABELS } from "../trust/verdict-text";
import { isNumberKind, numberWatchKey, organisationWatchKey } from "./kinds";
import { emailDueAt } from "./schedule";

// Step 1 of delivering an alert: one AlertEvent becomes one Notification per eligible watcher, with
// the time its e-mail is due (none when that watch's e-mail is off, the member paused e-mail, or the
// address is unconfirmed). Only watches that existed when the event happened count. Idempotent:
// the event row is locked and marked, and (userId, eventId) is unique.

const activeMember = { suspendedAt: null, deletedAt: null } as const;
const watcherUser = { select: { alertsPausedAt: true, emailVerified: true } } as const;

/** Events written but not yet fanned out, oldest first. */
export async function listPendingEvents(take = 100): Promise<string[]> {
  const rows = await db.alertEvent.findMany({ where: { fannedOutAt: null }, orderBy: { createdAt: "asc" }, take, select: { id: true } });
  return rows.map((row) => row.id);
}

export async function fanOutEvent(eventId: string, now: Date = new Date()): Promise<{ notified: number }> {
  const result = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "AlertEvent" WHERE id = ${eventId} AND "fannedOutAt" IS NULL FOR UPDATE SKIP LOCKED`;
    if (!locked) return null;
    const event = await tx.alertEvent.findUniqueOrThrow({ where: { id: eventId }, select: { kind: true, e164: true, organisationId: true, actorId: true, createdAt: true } });
    const notThe = event.actorId ? { not: event.actorId } : undefined;
    const watchers =
      isNumberKind(event.kind) && event.e164
        ? (await tx.watch.findMany({ where: { e164: event.e164, userId: notThe, user: activeMember, createdAt: { lte: event.createdAt } }, select: { userId: true, alertMode: true, lastAlertedAt: true, user: watcherUser } })).map((w) => ({ ...w, watchKey: numberWatchKey(event.e164!) }))
        : event.organisationId
          ? (await tx.organisationWatch.findMany({ where: { organisationId: event.organisationId, userId: notThe, user: activeMember, createdAt: { lte: event.createdAt } }, select: { userId: true, alertMode: true, lastAlertedAt: true, user: watcherUser } })).map((w) => ({ ...w, watchKey: organisationWatchKey(event.organisationId!) }))
          : [];
    const created = await tx.notification.createMany({
      data: watchers.map((w) => ({
        userId: w.userId,
        eventId,
        watchKey: w.watchKey,
        emailMode: w.alertMode,
        emailDueAt: w.user.emailVerified ? emailDueAt(w.alertMode, w.user.alertsPausedAt !== null, now, w.lastAlertedAt) : null,
      })),
      skipDuplicates: true,
    });
    await tx.alertEvent.update({ where: { id: eventId }, data: { fannedOutAt: now } });
    return { notified: created.count, kind: event.kind, e164: event.e164 };
  });
  if (!result) return { notified: 0 };
  if (result.e164 && result.kind !== "VERDICT_CHANGED") await checkVerdictChange(result.e164);
  return { notified: result.notified };
}

/**
 * Compares a watched number's verdict with the one last seen and, when it changed, writes a
 * VERDICT_CHANGED event. An advisory lock per number makes two workers agree on one change.
 */
export async function checkVerdictChange(e164: string): Promise<boolean> {
  const watched = await db.phoneNumber.findUnique({ where: { e164 }, select: { watchCount: true } });
  if (!watched || watched.watchCount === 0) return false;
  const page = await getNumberPage(e164, null);
  const verdict = page.verdict.kind;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('alert-verdict'), hashtext(${e164}))`;
    const previous = await tx.numberAlertState.findUnique({ where: { e164 }, select: { verdict: true } });
    if (previous?.verdict === verdict) return false;
    await tx.numberAlertState.upsert({ where: { e164 }, create: { e164, verdict }, update: { verdict } });
    if (!previous) return false;
    const label = (kind: string) => VERDICT_LABELS[kind as keyof typeof VERDICT_LABELS] ?? kind;
    await tx.alertEvent.create({ data: { kind: "VERDICT_CHANGED", e164, data: { from: label(previous.verdict), to: label(verdict) } } });
    return true;
  });
}

const VOTE_SWEEP_KEY = "alerts:vote-sweep";
const SWEEP_OVERLAP_MS = 2 * 60 * 1000;

/**
 * Votes change verdicts too, without an event of their own: watched numbers whose votes changed since
 * the last sweep are checked (the worker runs this every half minute).
 */
export async function sweepVerdictsAfterVotes(now: Date = new Date()): Promise<number> {
  const mark = await db.setting.findUnique({ where: { key: VOTE_SWEEP_KEY }, select: { value: true } });
  const last = (mark?.value as { at?: string } | null)?.at;
  // Look back a little before the last mark: a vote stamped just before a sweep's "now" may commit
  // just after the sweep read, and would be missed for good. Checking a number twice is harmless
  // (checkVerdictChange announces only a verdict that differs from the one it stored).
  const since = last ? new Date(new Date(last).getTime() - SWEEP_OVERLAP_MS) : new Date(now.getTime() - 60 * 60 * 1000);
  const rows = await db.$queryRaw<{ e164: string }[]>`
    SELECT DISTINCT c.e164 FROM "Vote" v
    JOIN "Claim" c ON c.id = v."claimId"
    JOIN "PhoneNumber" p ON p.e164 = c.e164
    WHERE v."updatedAt" > ${since} AND v."updatedAt" <= ${now} AND p."watchCount" > 0
    LIMIT 1000`;
  let changed = 0;
  for (const { e164 } of rows) if (await checkVerdictChange(e164)) changed += 1;
  const value = { at: now.toISOString() };
  await db.setting.upsert({ where: { key: VOTE_SWEEP_KEY }, create: { key: VOTE_SWEEP_KEY, value }, update: { value } });
  return changed;
}
