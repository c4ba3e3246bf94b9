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
// Several instances: each has its own cache. A write drops the tags it changed in the instance that
// made it; every other instance serves its copy until the lifetime ends, so the stated bound for a
// write to be seen everywhere is DATA_CACHE_SECONDS (default 5). Writes made by other processes (the
// worker, imports, SQL by hand) are bounded the same way.

type Entry = { value: Promise<unknown>; expires: number; tags: string[] };

const MAX_ENTRIES = 5_000;
/** Tags under which nothing is stored until the given time (see invalidateAll's `holdMs`). */
const held = new Map<string, number>();
const entries = new Map<string, Entry>();
const byTag = new Map<string, Set<string>>();
/** Keys whose load is in flight (their entries have no tags yet). */
const loading = new Set<string>();
const ALL = "*";

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
export async function cached<T>(key: string, tags: string[] | ((value: T) => string[]), load: () => Promise<T>): Promise<T> {
  const ttl = lifetimeMs();
  if (ttl <= 0) return load();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) {
    // Least recently used goes first: re-insert at the end.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  if (hit) drop(key);
  const value = load();
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
  // Invalidated (or replaced) while loading: the value may predate the write, so it is not kept.
  if (entries.get(key) !== entry) return result;
  loading.delete(key);
  entry.tags = [...new Set([ALL, ...(typeof tags === "function" ? tags(result) : tags)])];
  if (isHeld(entry.tags, Date.now())) {
    entries.delete(key);
    return result;
  }
  for (const tag of entry.tags) {
    let keys = byTag.get(tag);
    if (!keys) byTag.set(tag, (keys = new Set()));
    keys.add(key);
  }
  while (entries.size > MAX_ENTRIES) drop(entries.keys().next().value!);
  return result;
}

/** Drops every entry with any of these tags (and any load in flight for them). Call after the write commits. */
export function invalidateTags(...tags: string[]): void {
  for (const tag of tags) for (const key of [...(byTag.get(tag) ?? [])]) drop(key);
  // Loads in flight have no tags yet: drop them all, they may have read before the write.
  for (const key of loading) if (entries.get(key)?.tags.length === 0) entries.delete(key);
  loading.clear();
}

/**
 * Drops everything. `holdMs`: also store nothing for that long, for writes that call this before
 * their transaction commits (an audited moderator action records its audit entry inside it), so a
 * read between the call and the commit cannot keep the old value.
 */
export function invalidateAll(options: { holdMs?: number } = {}): void {
  entries.clear();
  byTag.clear();
  loading.clear();
  if (options.holdMs) held.set(ALL, Date.now() + options.holdMs);
}

/** Tags, in one place so writers and readers agree. */
export const cacheTags = {
  number: (e164: string) => `number:${e164}`,
  claim: (claimId: string) => `claim:${claimId}`,
  organisation: (organisationId: string) => `organisation:${organisationId}`,
  registry: "registry",
  home: "home",
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
}

/** For tests: how many entries are kept. */
export function cacheSize(): number {
  return entries.size;
}
