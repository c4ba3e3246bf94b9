// The page cache: a visitor's public page (home, a number, an organisation, the registry, the static
// pages), kept whole in this process's memory (PAGE_CACHE_SECONDS, see pageCacheSettings) and answered
// without rendering. A hot page (asked for HOT_HITS times) is rendered again in the background
// when it expires, while the expired copy is still sent (X-Cache: STALE) — a scam wave's number is never
// rendered more than once per lifetime, and no visitor waits for it.
//
// What may be kept: a GET without a session cookie and without Next's client-navigation headers, for a
// path in PAGE_PATHS, answered 200 without Set-Cookie, whose every database read came from the data cache
// (lib/platform/data-cache.ts reports the tags it served through the hooks in lib/platform/cache-scope.ts,
// and lib/platform/db.ts reports any query outside it). Such a page is the same for every visitor.
// A visitor's RSC payload for such a path (Next's client-side navigation, and the prefetches a browser makes
// for every link it shows, also of PREFETCH_PATHS) is kept the same way, under a key that also names the
// router headers it depends on (rscPayloadKey).
//
// The Content-Security-Policy: pages are rendered with a per-request nonce (proxy.ts). A kept copy must
// not replay one nonce to everyone, so it is sent with the SHA-256 hash of each inline script that
// carried the render's nonce instead ('self' loads Next's own chunks), and the nonce attributes are
// removed. An inline script without the render's nonce is not hashed, so it stays blocked, as before.
//
// Invalidation: the data cache's writes call invalidate() with the tags they change (and "*" for
// everything), in this process at once and on other instances through PostgreSQL NOTIFY
// (scripts/server.mjs listens). A page whose render overlapped an invalidation of one of its tags is
// not kept. The lifetime bounds everything else (and what a CDN in front may hold: s-maxage).
import { createHash } from "node:crypto";
import zlib from "node:zlib";
import { preferredEncoding } from "./encoding.mjs";

/** Paths whose visitor pages may be kept. Everything else (forms, accounts, moderation) never is. */
export const PAGE_PATHS = [/^\/$/, /^\/numbers\/[^/]+$/, /^\/organisations(?:\/[^/]+)?$/, /^\/registry$/, /^\/about$/, /^\/safe-calling$/, /^\/sitemap\.xml$/];
/**
 * API answers that may be kept: the number lookup, asked without an API key (a key's daily quota is
 * counted by the app). Its per-address limit is still spent on every answer (scripts/server/api-limit.mjs).
 */
export const API_PATHS = [/^\/api\/v1\/numbers\/[^/]+$/];

/** Requests that make a kept page hot (refreshed in the background when it expires): a page asked for again and again, not one seen once or twice. */
export const HOT_HITS = 3;

/** Whether a kept key is an API answer (its limit is spent before it is sent). */
const isApiKey = (key) => key.startsWith("/api/");

/**
 * Pages that show someone signed in nothing of their own but what the page fills in from GET /api/me (their
 * name in the header; on a number page their vote, the watch button, the comment form and their comments'
 * marks; on an organisation's page its watch button and whether they manage it; for staff, the Moderation
 * link and the texts only staff read). A browser with a session and the member-view hint
 * (lib/accounts/member-hint.ts) is sent the kept copy of these, the one visitors get. The organisations
 * directory is not among them (members also see what they proposed).
 */
export const MEMBER_PAGE_PATHS = [/^\/$/, /^\/numbers\/[^/]+$/, /^\/organisations\/[^/]+$/, /^\/registry$/, /^\/about$/, /^\/safe-calling$/];

/** The member-view hint, as lib/accounts/member-hint.ts spells it. */
const MEMBER_HINT = /(?:^|;)\s*callercheck-view=member\s*(?:;|$)/;

/** Auth.js's session cookie (chunked as .0, .1 … when large; __Secure- over https). */
const SESSION_COOKIE = /(?:^|;)\s*(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/** Headers of Next's client-side navigation and server actions: those answers are RSC payloads, not pages. */
const NEXT_CLIENT_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action"];

/**
 * The request headers an RSC payload depends on (Next's Vary; Next-Url too when the build has intercepting
 * routes): a kept payload's key names them, so two requests share a payload only when Next would render the
 * same one. The URL's `_rsc` is left out: it is only a hash of these headers (and Next-Url), for caches that
 * key on URLs alone.
 */
export const RSC_HEADERS = ["next-router-prefetch", "next-router-segment-prefetch", "next-router-state-tree", "next-url"];

/**
 * Paths whose *prefetches* a visitor's payload may be kept for, besides PAGE_PATHS: forms every page links to.
 * A browser prefetches every link it sees (its route tree and metadata); a kept page's visitor would otherwise
 * cost one render per link on it.
 */
export const PREFETCH_PATHS = [/^\/report$/, /^\/signin$/, /^\/signup$/];

/** Marks a kept RSC payload's key: the URL, then the values of RSC_HEADERS (URLs cannot hold a line break). */
const RSC_KEY = "\nrsc";

/** Vary of a kept RSC payload: it is sent only for requests with the same router headers. */
const RSC_VARY = "RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Next-Url, Accept-Encoding";

/** Whether Next's client asks (an RSC payload or a server action), by its headers or the `_rsc` of the URL. */
const fromNextClient = (req) => /[?&]_rsc=/.test(req.url ?? "") || NEXT_CLIENT_HEADERS.some((name) => req.headers[name] !== undefined);

/** Response headers that belong to one exchange, not to the page. */
const HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "date", "x-request-id", "set-cookie", "content-encoding", "etag", "age", "x-cache", "vary", "cache-control", "content-security-policy"]);

/**
 * The key a request's page is kept under, or null when its answer must be rendered for it alone.
 * `membersShareKept` (no read replicas: see membersReadCache in lib/numbers/public-page.ts) lets a member
 * with the hint have the kept page; the caller then drops their cookies (memberSharesKept) so that a miss
 * is rendered as a visitor's page too.
 */
export function pageCacheKey(req, { membersShareKept = false, nextUrlMatters = true } = {}) {
  // A HEAD is answered from the kept copy when there is one (its headers, no body), never kept itself.
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "";
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const api = API_PATHS.some((pattern) => pattern.test(path));
  const session = SESSION_COOKIE.test(req.headers.cookie ?? "");
  if (fromNextClient(req)) {
    if (api || (session && !(membersShareKept && memberSharesKept(req, path)))) return null;
    return rscPayloadKey(req, path, queryAt === -1 ? "" : url.slice(queryAt + 1), nextUrlMatters);
  }
  if (!api && !PAGE_PATHS.some((pattern) => pattern.test(path))) return null;
  if (api && (req.headers.authorization !== undefined || req.headers["x-api-key"] !== undefined)) return null;
  if (session && !(membersShareKept && !api && memberSharesKept(req, path))) return null;
  return url;
}

/**
 * The key of a visitor's RSC payload (Next's client-side navigation or prefetch), or null. It is the same for
 * every visitor who sends the same router headers, as the page is. A member's navigation carries their own
 * parts (and they render it with them), so of members' requests only prefetches get here (memberSharesKept),
 * and the caller drops their cookies so that a miss is rendered as a visitor's. Without intercepting routes
 * (`nextUrlMatters` false) Next renders a payload the same from whichever page the browser is on, so the
 * header links' prefetches on every number's page share one kept payload each.
 */
function rscPayloadKey(req, path, query, nextUrlMatters) {
  const header = (name) => req.headers[name];
  if (header("rsc") !== "1" || header("next-action") !== undefined) return null;
  const prefetch = header("next-router-prefetch") === "1";
  if (!PAGE_PATHS.some((pattern) => pattern.test(path)) && !(prefetch && PREFETCH_PATHS.some((pattern) => pattern.test(path)))) return null;
  const values = RSC_HEADERS.map((name) => (name === "next-url" && !nextUrlMatters ? undefined : header(name)));
  if (values.some((value) => value !== undefined && typeof value !== "string")) return null;
  const rest = query.split("&").filter((part) => part !== "" && !part.startsWith("_rsc=")).join("&");
  return `${path}${rest ? `?${rest}` : ""}${RSC_KEY}\n${values.map((value) => value ?? "").join("\n")}`;
}

/** Whether a build's payloads depend on the page the browser is on: intercepting routes match on Next-Url. */
export const hasInterceptingRoutes = (routesManifest) => /next-url/i.test(JSON.stringify(routesManifest?.rewrites ?? {}));

/** Whether a kept key is a visitor's RSC payload (see rscPayloadKey). */
export const isRscKey = (key) => key.includes(RSC_KEY);

/**
 * A signed-in member's request for a page they may be sent as visitors get it (see MEMBER_PAGE_PATHS), or for a
 * prefetch of one of those pages or of PREFETCH_PATHS. A prefetch is a page's route tree and its metadata,
 * which hold nothing of a member's (`e2e/kept-payloads.spec.ts` compares a member's with a visitor's); a
 * member's client-side navigation carries their own parts and is rendered for them.
 */
export function memberSharesKept(req, path = (req.url ?? "").split("?")[0]) {
  const cookie = req.headers.cookie ?? "";
  if (!SESSION_COOKIE.test(cookie) || !MEMBER_HINT.test(cookie)) return false;
  if (!fromNextClient(req)) return MEMBER_PAGE_PATHS.some((pattern) => pattern.test(path));
  if (req.headers["next-router-prefetch"] !== "1") return false;
  return MEMBER_PAGE_PATHS.some((pattern) => pattern.test(path)) || PREFETCH_PATHS.some((pattern) => pattern.test(path));
}

const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("base64");

/**
 * The page with its policy's nonce replaced by the hashes of the inline scripts that carried it, and
 * the nonce attributes removed. Null when the policy has no nonce (nothing to replace).
 */
export function withScriptHashes(policy, html) {
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  if (!nonce) return null;
  const marker = `nonce="${nonce}"`;
  const hashes = new Set();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes, text] = match;
    if (/\bsrc\s*=/i.test(attributes) || !attributes.includes(marker)) continue;
    hashes.add(`'sha256-${sha256(text)}'`);
  }
  const sources = [...hashes].join(" ");
  const hashedPolicy = policy.replace(/\s*'nonce-[A-Za-z0-9+/=]+'(\s*'strict-dynamic')?/, sources ? ` ${sources}` : "");
  return { policy: hashedPolicy, html: html.replaceAll(` ${marker}`, "") };
}

export class PageCache {
  /** @param {{ ttlMs: number, maxStaleMs?: number, maxEntries?: number, maxBytes?: number, now?: () => number }} options */
  constructor({ ttlMs, maxStaleMs = 30_000, maxEntries = 2_000, maxBytes = 128 * 1024 * 1024, now = Date.now }) {
    this.ttlMs = ttlMs;
    this.maxStaleMs = maxStaleMs;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.now = now;
    this.entries = new Map();
    this.bytes = 0;
    /** Incremented by every invalidation; a render remembers the value it started at. */
    this.sequence = 0;
    /** tag → the sequence number of its latest invalidation. */
    this.invalidatedAt = new Map();
    this.heldUntil = 0;
  }

  get enabled() {
    return this.ttlMs > 0;
  }

  /** Call when a render starts; pass the result to set(). */
  begin() {
    return this.sequence;
  }

  /** A fresh kept page, or undefined. */
  get(key) {
    const found = this.lookup(key);
    return found?.fresh ? found.entry : undefined;
  }

  /**
   * The kept page and whether it is fresh. Past its lifetime a page is still returned (fresh: false)
   * when it is hot — asked for at least HOT_HITS times since it was first kept (the count carries over
   * to the copies that replace it) — for up to maxStaleMs: the server sends it while one background
   * render replaces it (stale-while-revalidate). A page that is not hot is rendered again on its next
   * request. A write drops a page whether fresh or stale.
   */
  lookup(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.now();
    if (entry.expires + this.maxStaleMs <= now) {
      this.drop(key);
      return undefined;
    }
    entry.hits++;
    // Least recently used goes first: re-insert at the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (entry.expires > now) return { entry, fresh: true };
    return entry.hits >= HOT_HITS ? { entry, fresh: false } : undefined;
  }

  /**
   * Keeps a rendered page. `page`: { status, headers: [name, value][], policy, html, request? } (request: the
   * path and headers that render it again, when the key is not its path). Returns the entry,
   * or null when it may not be kept (a tag was invalidated since `startedAt`, a hold is on, no nonce).
   */
  set(key, page, tags, startedAt) {
    if (!this.enabled || this.now() < this.heldUntil) return null;
    const allTags = [...new Set(["*", ...tags])];
    for (const tag of allTags) if ((this.invalidatedAt.get(tag) ?? -1) > startedAt) return null;
    const hashed = withScriptHashes(page.policy, page.html);
    if (!hashed) return null;
    const body = Buffer.from(hashed.html, "utf8");
    const api = isApiKey(key);
    const header = (wanted) => page.headers.find(([name]) => name.toLowerCase() === wanted)?.[1];
    // An API answer, an XML file or an RSC payload keeps its own Cache-Control (the lookup's minute, the
    // sitemap's hour, Next's no-store for payloads); an HTML page gets keptCacheControl.
    const ownCacheControl = api || !String(header("content-type") ?? "").startsWith("text/html");
    const entry = {
      api,
      ownCacheControl,
      cacheControl: ownCacheControl ? header("cache-control") : undefined,
      vary: isRscKey(key) ? RSC_VARY : undefined,
      // What renders it again (a background refresh): an RSC payload's own URL and router headers, as asked.
      request: page.request ?? { path: key, headers: {} },
      status: page.status,
      headers: page.headers.filter(([name]) => !HOP_HEADERS.has(name.toLowerCase())),
      policy: hashed.policy,
      body,
      gzip: zlib.gzipSync(body, { level: 6 }),
      br: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
      etag: `W/"${createHash("sha1").update(body).digest("base64url")}"`,
      storedAt: this.now(),
      // How often the page was asked for, across the copies kept of it (see lookup).
      hits: this.entries.get(key)?.hits ?? 0,
      expires: this.now() + this.ttlMs,
      tags: allTags,
    };
    entry.size = body.length + entry.gzip.length + entry.br.length;
    this.drop(key);
    this.entries.set(key, entry);
    this.bytes += entry.size;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) this.drop(this.entries.keys().next().value);
    return entry;
  }

  /** Drops every page with any of these tags ("*": all of them); holdMs: keep nothing new for that long. */
  invalidate(tags, holdMs = 0) {
    const sequence = ++this.sequence;
    if (holdMs > 0) this.heldUntil = Math.max(this.heldUntil, this.now() + holdMs);
    // The map of tags only grows with distinct tags; past a bound it is reset to "everything changed now",
    // which refuses the renders in flight (safe) and forgets nothing that matters.
    if (this.invalidatedAt.size > 50_000) this.invalidatedAt = new Map();
    for (const tag of tags) this.invalidatedAt.set(tag, sequence);
    if (tags.includes("*")) {
      this.invalidatedAt = new Map([["*", sequence]]);
      this.entries.clear();
      this.bytes = 0;
      return;
    }
    for (const [key, entry] of this.entries) if (entry.tags.some((tag) => tags.includes(tag))) this.drop(key);
  }

  drop(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  /** The request that renders a kept key again (see set), or the key as a path when nothing is kept under it. */
  requestFor(key) {
    return this.entries.get(key)?.request ?? { path: key, headers: {} };
  }

  /** Whether a kept page is past its lifetime but still within its stale window (a refresh would replace it). */
  expiredButKept(key) {
    const entry = this.entries.get(key);
    const now = this.now();
    return Boolean(entry && entry.expires <= now && entry.expires + this.maxStaleMs > now);
  }
}

/**
 * The background refreshes of expired hot pages: `concurrency` renders at a time, the others waiting their turn
 * in the order they were asked for (at most `limit`), so every visitor of an expired hot page is sent its stale
 * copy while it waits. Before, a page whose refresh could not start at once was rendered for its visitor: when
 * many hot pages expired together (a crowd on 200 numbers kept in the same minute) most of their visitors were
 * rendered for, at rendering speed, until each page was kept again. `start(key, done)` begins a refresh and calls
 * `done` when it has ended; a waiting page that no longer needs one (`stillNeeded`: dropped by a write, or kept
 * again meanwhile) is skipped.
 */
export class RefreshQueue {
  /** @param {{ concurrency: number, limit: number, start: (key: string, done: () => void) => void, stillNeeded?: (key: string) => boolean }} options */
  constructor({ concurrency, limit, start, stillNeeded = (_key) => true }) {
    this.concurrency = concurrency;
    this.limit = limit;
    this.start = start;
    this.stillNeeded = stillNeeded;
    this.running = new Set();
    this.waiting = new Set();
  }

  /** True when the page is being refreshed or waits its turn (send the stale copy); false when the queue is full. */
  request(key) {
    if (this.running.has(key) || this.waiting.has(key)) return true;
    if (this.running.size < this.concurrency) {
      this.run(key);
      return true;
    }
    if (this.waiting.size >= this.limit) return false;
    this.waiting.add(key);
    return true;
  }

  run(key) {
    this.running.add(key);
    let ended = false;
    this.start(key, () => {
      if (ended) return;
      ended = true;
      this.running.delete(key);
      this.next();
    });
  }

  next() {
    for (const key of this.waiting) {
      this.waiting.delete(key);
      if (this.stillNeeded(key)) return this.run(key);
    }
  }
}

/**
 * The page cache's lifetime: PAGE_CACHE_SECONDS, by default DATA_CACHE_SECONDS (5 s) — the bound for what
 * no write announced (SQL by hand, relative times such as "5 minutes ago"); every write drops what it
 * changed at once, here and on every instance. A shared cache in front (a CDN), which hears of no write,
 * may hold a page DATA_CACHE_SECONDS. DATA_CACHE_SECONDS=0 turns both off (no read comes from the data
 * cache, so no page is keepable).
 */
export function pageCacheSettings(env) {
  const seconds = (value, fallback, max) => {
    const number = value === undefined || value === "" ? fallback : Number(value);
    if (!Number.isFinite(number) || number < 0 || number > max) throw new Error(`expected a number of seconds from 0 to ${max}, not ${value}`);
    return number;
  };
  const data = seconds(env.DATA_CACHE_SECONDS, 5, 300);
  const page = seconds(env.PAGE_CACHE_SECONDS, data, 3600);
  return { ttlMs: data > 0 ? page * 1000 : 0, sharedMaxAgeSeconds: Math.floor(data), dataCacheOn: data > 0 };
}

/** Cache-Control of a kept page: a shared cache (a CDN) may hold it for the data cache's bound. */
export function keptCacheControl(sharedMaxAgeSeconds) {
  const seconds = Math.max(1, sharedMaxAgeSeconds);
  return `public, max-age=0, s-maxage=${seconds}, stale-while-revalidate=${seconds}`;
}

/** Writes a kept page: 304 for a matching If-None-Match, else the smallest encoding the client accepts. */
export function sendKeptPage(req, res, entry, { sharedMaxAgeSeconds, cache, method = req.method }) {
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  res.setHeader("Content-Security-Policy", entry.policy);
  if (entry.ownCacheControl) {
    res.setHeader("Cache-Control", entry.cacheControl ?? keptCacheControl(sharedMaxAgeSeconds));
    res.setHeader("Vary", entry.vary ?? "Accept-Encoding");
  } else {
    res.setHeader("Cache-Control", keptCacheControl(sharedMaxAgeSeconds));
    // Next's client navigations ask the same URL for an RSC payload: a shared cache must key on those headers too.
    res.setHeader("Vary", "RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Accept-Encoding, Cookie");
  }
  res.setHeader("ETag", entry.etag);
  res.setHeader("Age", String(Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000))));
  res.setHeader("X-Cache", cache);
  const ifNoneMatch = req.headers["if-none-match"];
  if (typeof ifNoneMatch === "string" && ifNoneMatch.split(",").some((tag) => tag.trim() === entry.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const encoding = preferredEncoding(req.headers["accept-encoding"]);
  const body = encoding === "br" ? entry.br : encoding === "gzip" ? entry.gzip : entry.body;
  if (encoding) res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", String(body.length));
  res.statusCode = entry.status;
  res.end(method === "HEAD" ? undefined : body);
}

/**
 * Holds back what Next writes to `res` until it ends, then calls onEnd(body) with the status and headers
 * still unsent (set on `res`); onEnd sends. `send(body)` sends the held response as it was.
 */
export function holdResponse(res, onEnd) {
  const chunks = [];
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  const restore = () => Object.assign(res, original);
  res.writeHead = function (statusCode, reason, headers) {
    const list = typeof reason === "string" ? headers : reason;
    res.statusCode = statusCode;
    if (Array.isArray(list)) for (let i = 0; i + 1 < list.length; i += 2) res.setHeader(list[i], list[i + 1]);
    else if (list) for (const [name, value] of Object.entries(list)) if (value !== undefined) res.setHeader(name, value);
    return res;
  };
  res.flushHeaders = () => {};
  res.write = function (chunk, encoding, callback) {
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    if (chunk != null) chunks.push(typeof chunk === "string" ? Buffer.from(chunk, encoding ?? "utf8") : Buffer.from(chunk));
    if (callback) process.nextTick(callback);
    return true;
  };
  res.end = function (chunk, encoding, callback) {
    if (typeof chunk === "function") [callback, chunk] = [chunk, undefined];
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    if (chunk != null) chunks.push(typeof chunk === "string" ? Buffer.from(chunk, encoding ?? "utf8") : Buffer.from(chunk));
    restore();
    const body = Buffer.concat(chunks);
    // end() writes the head through res.writeHead (so scripts/server.mjs's 503 rewrite still applies).
    const send = (data = body) => {
      res.setHeader("Content-Length", String(data.length));
      original.end.call(res, data, callback);
    };
    onEnd(body, send);
    return res;
  };
}
