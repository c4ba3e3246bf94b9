import { AsyncLocalStorage } from "node:async_hooks";

// What links the data cache (lib/platform/data-cache.ts), the database client (lib/platform/db.ts) and
// the page cache in front of Next (scripts/server/page-cache.mjs). They meet through globalThis symbols:
// the server cannot import the app's bundle, and the bundle may hold more than one copy of a module
// (route handlers and pages are bundled apart), which must still share one cache.

const shared = globalThis as Record<symbol, unknown>;

/** Set while a data-cache entry loads: a query inside it is a cached read, one outside it is not. */
export const cacheLoadScope: AsyncLocalStorage<true> = (shared[Symbol.for("callercheck.cacheLoadScope")] ??=
  new AsyncLocalStorage<true>()) as AsyncLocalStorage<true>;

/**
 * What scripts/server.mjs registers (absent elsewhere: scripts, tests, `next dev` without it):
 *  - noteTags: the request in progress read data-cache entries with these tags;
 *  - noteUncachedRead: it queried the database outside the data cache (its page must not be kept);
 *  - invalidatePages: drop kept pages with any of these tags ("*": all), and keep none for holdMs.
 */
export type PageCacheHooks = {
  noteTags?(tags: readonly string[]): void;
  noteUncachedRead?(): void;
  invalidatePages?(tags: readonly string[], holdMs?: number): void;
};

export function pageCacheHooks(): PageCacheHooks {
  return (shared[Symbol.for("callercheck.pageCache")] ?? {}) as PageCacheHooks;
}

/** Tells the page cache that this request read the database outside the data cache. */
export function noteDatabaseRead(): void {
  if (!cacheLoadScope.getStore()) pageCacheHooks().noteUncachedRead?.();
}

/**
 * Runs a query whose result does not show on the page (a rate-limit spend): it does not stop the page
 * or API answer from being kept. A refusal is a 429, which is never kept.
 */
export function notPageContent<T>(query: () => PromiseLike<T>): Promise<T> {
  // Awaited inside the scope: a Prisma query is lazy and runs when it is awaited.
  return cacheLoadScope.run(true, async () => await query());
}
