// Bounded queue pages for moderators' lists (flags, alerts, removal requests, proposed organisations,
// representatives): a page of QUEUE_PAGE_SIZE in the list's own order, then the next one after the
// last id of the page before (Prisma's cursor; every order ends on the id, so the cursor is exact).

export const QUEUE_PAGE_SIZE = 50;

/** A page of a queue after the item `after`; an id that is not ours starts at the top. */
export function queueCursor(after: string | undefined): { cursor?: { id: string }; skip?: number } {
  return after && /^[A-Za-z0-9_-]{1,64}$/.test(after) ? { cursor: { id: after }, skip: 1 } : {};
}
