// Bounded queue pages for moderators' lists (flags, alerts, removal requests, proposed organisations,
// representatives): a page of QUEUE_PAGE_SIZE in the list's own order, then the next one after the
// last id of the page before (Prisma's cursor; every order ends on the id, so the cursor is exact).

export const QUEUE_PAGE_SIZE = 50;

/** A page of a queue after the item `after`; an id that is not ours starts at the top. */
export function queueCursor(after: string | undefined): { cursor?: { id: string }; skip?: number } {
  return after && /^[A-Za-z0-9_-]{1,64}$/.test(after) ? { cursor: { id: after }, skip: 1 } : {};
}

/**
 * One page from a read of QUEUE_PAGE_SIZE + 1 rows (the extra one only says whether a next page exists, so
 * a queue of exactly 50 has no "Next page" leading nowhere).
 */
export function queuePage<T extends { id: string }>(rows: T[], size = QUEUE_PAGE_SIZE): { items: T[]; next: string | null } {
  const items = rows.slice(0, size);
  return { items, next: rows.length > size ? items[items.length - 1]!.id : null };
}
