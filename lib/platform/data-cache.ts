import { randomUUID } from "node:crypto";
import { cacheLoadScope, pageCacheHooks } from "./cache-scope";
import { env } from "./env";

// The data cache: what visitors read (a number's public data, lookups, organisation pages, the
// registry, the home page's figures), kept in this process's memory for a short lifetime and dropped
// by tag when a write changes it.
//
// Why not Next's own cache: `'use cache'` needs `cacheComponents`, which the nonce-based CSP's dynamic
// pages and the app's `force-dynamic` segments rule out, and `unstable_cache` round-trips values
// through JSON (a Date comes back a string) and cannot be exercised outside a Next request. This one
// keeps values as they are and is tested against a real database (lib/platform/data-cache.db.test.ts).
//
// Several instances: a write drops the tags it changed in the instance that made it at once, and
// broadcasts them with PostgreSQL's NOTIFY on the channel `callercheck_cache` (after a short coalescing
// tick); every instance's server (scripts/server.mjs) LISTENs and drops the same tags from its data and
// page caches. Writes by other processes that use this module (the alert worker, imports) broadcast the
// same way. The lifetime, DATA_CACHE_SECONDS (default 5), bounds what a lost notification or SQL by hand
// can leave stale.
//
// The page cache (scripts/server/page-cache.mjs) keeps a visitor's whole page when every read behind it
// came from here: cached() tells it the tags read, and a query outside a load tells it not to keep it.

type Entry = { value: Promise<unknown>; expires: number; tags: string[] };

const MAX_ENTRIES = 5_000;
const ALL = "*";
const NOTIFY_CHANNEL = "callercheck_cache";

// One store per process, on globalThis: route handlers and pages are bundled apart and may each load
// this module, and a write made through one must drop what the other kept.
type Store = {
  /** Tags under which nothing is stored until the given time (see invalidateAll's `holdMs`). */
  held: Map<string, number>;
  entries: Map<string, Entry>;
  byTag: Map<string, Set<string>>;
  /** Keys whose load is in flight (their entries have no tags yet). */
  loading: Set<string>;
  /** This process's name in broadcasts, so the listener skips what it sent itself. */
  origin: string;
};
const store = ((globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.dataCache")] ??= {
  held: new Map(),
  entries: new Map(),
  byTag: new Map(),
  loading: new Set(),
  origin: randomUUID(),
}) as Store;
const { held, entries, byTag, loading } = store;

const lifetimeMs = () => env.DATA_CACHE_SECONDS * 1000;

function drop(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  for (const tag of entry.tags) {
    const keys = byTag.get(tag);
    keys?.delete(key);
    if (keys?.size === 0) byTag.delete(tag);
  }
}

function isHeld(tags: string[], now: number): boolean {
  for (const tag of [ALL, ...tags]) {
    const until = held.get(tag);
    if (until === undefined) continue;
    if (until > now) return true;
    held.delete(tag);
  }
  return false;
}

/**
 * `load()`'s value, from the cache when a fresh copy is there. Concurrent callers of one key share one
 * load. `tags` may depend on the value (an organisation page is tagged with the organisation's id).
 * A failed load is not kept. With DATA_CACHE_SECONDS=0 every call loads.
 */
export async function cached<T>(key: string, tags: string[] | ((value: T) => string[]), load: () => Promise<T>, options: { lifetimeMs?: number } = {}): Promise<T> {
  // A longer lifetime is for what is costly and may lag (the sitemap index); DATA_CACHE_SECONDS=0 still turns it off.
  const ttl = lifetimeMs() > 0 ? (options.lifetimeMs ?? lifetimeMs()) : 0;
  if (ttl <= 0) return load();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) {
    // Least recently used goes first: re-insert at the end.
    entries.delete(key);
    entries.set(key, hit);
    const value = (await hit.value) as T;
    notePage(hit);
    return value;
  }
  if (hit) drop(key);
  // Awaited inside the scope: a Prisma query is lazy and runs (and is seen by db.ts) when it is awaited.
  const value = cacheLoadScope.run(true, async () => await load());
  const entry: Entry = { value, expires: now + ttl, tags: [] };
  entries.set(key, entry);
  loading.add(key);
  let result: T;
  try {
    result = await value;
  } catch (error) {
    if (entries.get(key) === entry) {
      entries.delete(key);
      loading.delete(key);
    }
    throw error;
  }
  // Invalidated (or replaced) while loading: the value may predate the write, so it is not kept
  // (nor the page that shows it).
  if (entries.get(key) !== entry) {
    pageCacheHooks().noteUncachedRead?.();
    return result;
  }
  loading.delete(key);
  entry.tags = [...new Set([ALL, ...(typeof tags === "function" ? tags(result) : tags)])];
  if (isHeld(entry.tags, Date.now())) {
    entries.delete(key);
    pageCacheHooks().noteUncachedRead?.();
    return result;
  }
  notePage(entry);
  for (const tag of entry.tags) {
    let keys = byTag.get(tag);
    if (!keys) byTag.set(tag, (keys = new Set()));
    keys.add(key);
  }
  while (entries.size > MAX_ENTRIES) drop(entries.keys().next().value!);
  return result;
}

/** Tells the page cache which tags the page being rendered read (an entry still loading: not keepable). */
function notePage(entry: Entry): void {
  if (entry.tags.length === 0) pageCacheHooks().noteUncachedRead?.();
  else pageCacheHooks().noteTags?.(entry.tags);
}

/** Drops, in this process only, what these tags (ALL: everything) cover, data and pages alike. */
function invalidateLocally(tags: readonly string[], holdMs = 0): void {
  if (tags.includes(ALL)) {
    entries.clear();
    byTag.clear();
    loading.clear();
    if (holdMs) held.set(ALL, Date.now() + holdMs);
  } else {
    for (const tag of tags) for (const key of [...(byTag.get(tag) ?? [])]) drop(key);
    // Loads in flight have no tags yet: drop them all, they may have read before the write.
    for (const key of loading) if (entries.get(key)?.tags.length === 0) entries.delete(key);
    loading.clear();
  }
  pageCacheHooks().invalidatePages?.(tags, holdMs);
}

// scripts/server.mjs's listener applies other processes' broadcasts through this.
(globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.applyCacheInvalidation")] = (message: string) => {
  const parsed = parseInvalidation(message);
  if (parsed && parsed.origin !== store.origin) invalidateLocally(parsed.tags, parsed.holdMs);
};

/** A broadcast's payload: `{"o": origin, "t": tags, "h": holdMs}`; anything else is ignored. */
function parseInvalidation(message: string): { origin: string; tags: string[]; holdMs: number } | null {
  try {
    const value = JSON.parse(message) as { o?: unknown; t?: unknown; h?: unknown };
    if (typeof value.o !== "string" || !Array.isArray(value.t) || !value.t.every((tag) => typeof tag === "string")) return null;
    const holdMs = typeof value.h === "number" && value.h > 0 ? Math.min(value.h, 60_000) : 0;
    return { origin: value.o, tags: value.t as string[], holdMs };
  } catch {
    return null;
  }
}

/**
 * Broadcasts are coalesced: the writes of BROADCAST_COALESCE_MS go out as one NOTIFY (one statement, not
 * one per write: under a burst of reports that was a fifth of each report's round trips). Other processes
 * hear of a write at most that much later; this one drops its own entries at once (invalidateLocally).
 */
export const BROADCAST_COALESCE_MS = 10;
let pending: { tags: Set<string>; holdMs: number } | null = null;
function broadcast(tags: readonly string[], holdMs: number): void {
  if (lifetimeMs() <= 0) return;
  if (!pending) {
    pending = { tags: new Set(), holdMs: 0 };
    setTimeout(() => void flushBroadcast(), BROADCAST_COALESCE_MS);
  }
  for (const tag of tags) pending.tags.add(tag);
  pending.holdMs = Math.max(pending.holdMs, holdMs);
}
/** Sends the waiting broadcast, if any; resolves once it is sent (or failed: a lost broadcast is bounded by the lifetime). */
function flushBroadcast(): Promise<void> {
  const batch = pending;
  pending = null;
  if (!batch) return Promise.resolve();
  // NOTIFY's payload is at most 8,000 bytes: a long list is sent as "everything".
  let payload = JSON.stringify({ o: store.origin, t: [...batch.tags], h: batch.holdMs });
  if (payload.length > 7_000) payload = JSON.stringify({ o: store.origin, t: [ALL], h: batch.holdMs });
  // lib/platform/db.ts sends it (this module stays free of the database client: the seed script loads it).
  const notify = (globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.notifyCacheInvalidation")];
  if (typeof notify !== "function") return Promise.resolve();
  return (notify as (channel: string, payload: string) => Promise<unknown>)(NOTIFY_CHANNEL, payload).then(
    () => undefined,
    () => undefined,
  );
}
// lib/platform/db.ts's disconnectDb sends a waiting broadcast before it closes the pools (shutdown).
(globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.flushCacheBroadcast")] = flushBroadcast;

/** Drops every entry with any of these tags (and any load in flight for them), here and on every instance. Call after the write commits. */
export function invalidateTags(...tags: string[]): void {
  invalidateLocally(tags);
  broadcast(tags, 0);
}

/**
 * Drops everything, here and on every instance. `holdMs`: also store nothing for that long, for writes
 * that call this before their transaction commits (an audited moderator action records its audit entry
 * inside it), so a read between the call and the commit cannot keep the old value.
 */
export function invalidateAll(options: { holdMs?: number } = {}): void {
  invalidateLocally([ALL], options.holdMs ?? 0);
  broadcast([ALL], options.holdMs ?? 0);
}

/** Tags, in one place so writers and readers agree. */
export const cacheTags = {
  number: (e164: string) => `number:${e164}`,
  claim: (claimId: string) => `claim:${claimId}`,
  organisation: (organisationId: string) => `organisation:${organisationId}`,
  registry: "registry",
  home: "home",
  sitemap: "sitemap",
};

/** Drops what a write to one number changes: its page and lookups, its organisations' pages, the home page. */
export function invalidateNumber(e164: string, organisationIds: Array<string | null | undefined> = []): void {
  invalidateTags(
    cacheTags.number(e164),
    cacheTags.home,
    ...organisationIds.filter((id): id is string => !!id).map(cacheTags.organisation),
  );
}

/** Forgets everything, holds included (tests start from an empty cache). */
export function clearDataCache(): void {
  entries.clear();
  byTag.clear();
  loading.clear();
  held.clear();
  pageCacheHooks().invalidatePages?.([ALL]);
}

/** For tests: how many entries are kept. */
export function cacheSize(): number {
  return entries.size;
}
