import "server-only";
import { cacheTags, invalidateTags } from "../platform/data-cache";
import { z } from "zod";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db } from "../platform/db";
import { parseOrThrow } from "../platform/errors";
import { E164_PATTERN } from "../numbers/phone";
import { consumeLimit } from "../platform/rate-limit";
import { ensureNumberRow } from "../numbers/number-row";
import { assertUnderWatchLimit, WATCH_LIMIT } from "./limit";

// A watch is one row per member and number; PhoneNumber.watchCount counts those rows and is moved
// only in the transaction that adds or removes one (the insert/delete result says whether it did).

export const watchSchema = z.object({
  e164: z.string({ error: "Choose a number to watch." }).trim().regex(E164_PATTERN, "That is not a phone number we can read."),
});

export type WatchOutcome = { e164: string; watching: boolean };

export async function watchNumber(actor: Actor | null, input: unknown): Promise<WatchOutcome> {
  assertCanWrite(actor);
  const { e164 } = parseOrThrow(watchSchema, input);
  await consumeLimit("watch", actor.id, "You have changed your watches too often");
  await db.$transaction(async (tx) => {
    await ensureNumberRow(tx, e164);
    const already = await tx.watch.findUnique({ where: { userId_e164: { userId: actor.id, e164 } }, select: { e164: true } });
    if (!already) await assertUnderWatchLimit(tx, actor.id);
    // ON CONFLICT DO NOTHING: a double click adds one watch and counts it once.
    const added = await tx.watch.createMany({ data: [{ userId: actor.id, e164 }], skipDuplicates: true });
    if (added.count > 0) await tx.phoneNumber.update({ where: { e164 }, data: { watchCount: { increment: added.count } } });
  });
  invalidateTags(cacheTags.number(e164));
  return { e164, watching: true };
}

export async function unwatchNumber(actor: Actor | null, input: unknown): Promise<WatchOutcome> {
  assertCanWrite(actor);
  const { e164 } = parseOrThrow(watchSchema, input);
  await consumeLimit("watch", actor.id, "You have changed your watches too often");
  await db.$transaction(async (tx) => {
    const removed = await tx.watch.deleteMany({ where: { userId: actor.id, e164 } });
    if (removed.count > 0) await tx.phoneNumber.update({ where: { e164 }, data: { watchCount: { decrement: removed.count } } });
  });
  invalidateTags(cacheTags.number(e164));
  return { e164, watching: false };
}

export type WatchedNumber = { e164: string; watchedAt: Date; reportCount: number; lastReportedAt: Date | null; commentCount: number };

/** The member's watched numbers with their latest activity: most recently reported first; all of them (at most WATCH_LIMIT). */
export async function listWatches(userId: string, take = WATCH_LIMIT): Promise<WatchedNumber[]> {
  const rows = await db.watch.findMany({
    where: { userId },
    orderBy: [{ number: { lastReportedAt: { sort: "desc", nulls: "last" } } }, { createdAt: "desc" }],
    take,
    select: { e164: true, createdAt: true, number: { select: { reportCount: true, lastReportedAt: true, commentCount: true } } },
  });
  return rows.map((row) => ({ e164: row.e164, watchedAt: row.createdAt, ...row.number }));
}
