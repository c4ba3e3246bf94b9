import "server-only";
import type { Tx } from "../platform/db";
import { AppError } from "../platform/errors";

/** Numbers and organisations together. */
export const WATCH_LIMIT = 200;

/**
 * Call inside the transaction that adds a watch, before adding it: the member's row is locked, so
 * two watches added at once cannot both slip under the limit.
 */
export async function assertUnderWatchLimit(tx: Tx, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  const [numbers, organisations] = await Promise.all([tx.watch.count({ where: { userId } }), tx.organisationWatch.count({ where: { userId } })]);
  if (numbers + organisations >= WATCH_LIMIT) {
    throw new AppError("CONFLICT", `You are watching ${WATCH_LIMIT} numbers and organisations, the most one member may. Stop watching one first.`);
  }
}
