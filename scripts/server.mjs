#!/usr/bin/env node
// The app's HTTP server: Next's request handler behind a small Node server that
//  - computes the client address from the socket and TRUSTED_PROXIES and hands it to the app in a
//    private header (any incoming copy is deleted first; see scripts/server/client-address.mjs);
//  - gives every request an id (X-Request-Id) and writes one JSON log line per request (pino);
//  - shuts down gracefully on SIGTERM/SIGINT: /api/ready answers 503, no new connections are accepted,
//    requests in flight finish, then the database pool is closed and buffered trace spans are sent;
//  - with OpenTelemetry configured (instrumentation.ts), puts the request's trace id on its log line;
//  - answers 503 with Retry-After instead of 500 when the request failed because the database did not
//    answer (lib/platform/db.ts marks the request through a per-request store, see below);
//  - drops X-Forwarded-Host/-Proto unless a trusted proxy sent them (server actions' Origin check reads them);
//  - answers visitors' public pages from the page cache when it can (scripts/server/page-cache.mjs), and
//    LISTENs for other processes' cache invalidations (PostgreSQL NOTIFY on `callercheck_cache`);
//  - serves the build's scripts, stylesheet and icons from memory, compressed once (scripts/server/static-assets.mjs).
// `next start` cannot do the first: it fills X-Forwarded-For only when the client did not send one.
//
//  - with WEB_CONCURRENCY=N (N > 1), runs N such server processes on the one port (scripts/server/cluster.mjs).
//
// Usage: node scripts/server.mjs [--dev]   (PORT, LISTEN_HOST, NEXT_DIST_DIR, TRUSTED_PROXIES, SHUTDOWN_TIMEOUT_MS,
//        WEB_CONCURRENCY)
import { AsyncLocalStorage } from "node:async_hooks";
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isSpanContextValid, trace } from "@opentelemetry/api";
import pino from "pino";
import { CLIENT_ADDRESS_HEADER, clientAddressFrom, normaliseAddress, parseTrustedProxies } from "./server/client-address.mjs";
import { spendApiLimit } from "./server/api-limit.mjs";
import { processCount, superviseWorkers } from "./server/cluster.mjs";
import { hasInterceptingRoutes, holdResponse, isRscKey, memberSharesKept, PageCache, pageCacheKey, pageCacheSettings, RefreshQueue, RSC_HEADERS, sendKeptPage } from "./server/page-cache.mjs";
import { missingProductionSettings, refusalMessage } from "./server/startup-check.mjs";
import { configHeadersOf, routesManifest } from "./server/config-headers.mjs";
import { staticAssets, staticLaneTakes } from "./server/static-assets.mjs";
import { laneRoute, writeLane } from "./server/write-lane.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
// In the repository this file is scripts/server.mjs; in the container image it sits beside Next's
// standalone output (the image copies it to /app/server.mjs and /app/server/).
const dir = fs.existsSync(path.join(here, "package.json")) ? here : path.resolve(here, "..");
const dev = process.argv.includes("--dev");
// Synchronous writes keep lines in the order things happened (the shutdown test reads that order).
// Each line names its process: with WEB_CONCURRENCY > 1 several write to the same output.
const log = pino({ base: { service: "callercheck", pid: process.pid }, level: process.env.LOG_LEVEL ?? "info" }, pino.destination({ dest: 1, sync: true }));

const missing = missingProductionSettings(process.env);
if (missing.length > 0) {
  log.fatal({ missing: missing.map((item) => item.split(" ")[0]) }, "refusing to start: production settings missing");
  console.error(refusalMessage(missing));
  process.exit(1);
}

let trusted;
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  log.fatal(error.message);
  process.exit(1);
}

let processes;
try {
  processes = dev ? 1 : processCount(process.env);
} catch (error) {
  log.fatal(error.message);
  process.exit(1);
}
if (cluster.isPrimary && processes > 1) {
  // WEB_CONCURRENCY > 1: this process only supervises; each worker runs the rest of this file.
  superviseWorkers({ count: processes, log });
  // The module stays unsettled on purpose: the primary lives until superviseWorkers exits it.
  await new Promise(() => undefined);
}

const port = Number(process.env.PORT ?? 3000);
// Not HOSTNAME: shells and container runtimes set it to the machine's name.
const hostname = process.env.LISTEN_HOST ?? "0.0.0.0";
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25_000);

// In the standalone image there is no next.config.js: Next's build wrote the resolved config here.
const requiredFiles = path.join(dir, distDir, "required-server-files.json");
let conf;
if (!dev && fs.existsSync(requiredFiles) && !fs.existsSync(path.join(dir, "next.config.js"))) {
  conf = JSON.parse(fs.readFileSync(requiredFiles, "utf8")).config;
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
}

const { default: next } = await import("next");
const app = next({ dev, dir, hostname, port, ...(conf ? { conf } : {}) });
const handle = app.getRequestHandler();
await app.prepare();

// The build's routes manifest, read once: next.config.js's headers for both lanes, and the intercepting-routes check.
const manifest = dev ? null : routesManifest({ root: dir, distDir });
const extraHeaders = manifest ? configHeadersOf({ root: dir, distDir, manifest }) : null;
// Members' reports, votes and own parts of pages go straight to their route handlers (scripts/server/write-lane.mjs).
const lane = extraHeaders ? writeLane({ root: dir, distDir, log, configHeaders: extraHeaders }) : null;
// The build's scripts, stylesheet and icons from memory, compressed once (scripts/server/static-assets.mjs); all of them
// are read (and compressed, where the build left no copies) in the background now, so no visitor waits for one.
const assets = extraHeaders ? staticAssets({ root: dir, distDir, extraHeaders, log }) : null;
void assets?.warm().catch((error) => log.warn({ err: error.message }, "static lane: warming failed"));

let draining = false;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

// A query that fails because the database is away calls this (lib/platform/db.ts, through the global
// symbol: the app's bundle cannot import this file). A page whose render then failed would answer 500
// and look like a bug; it answers 503 with Retry-After, and app/error.tsx shows "temporarily unavailable".
// Only a status of 500 is changed, and only before the head is sent: pages are not streamed behind a
// loading boundary, so the failure is known by then.
const UNAVAILABLE_RETRY_SECONDS = "30";
const requestState = new AsyncLocalStorage();
globalThis[Symbol.for("callercheck.markDatabaseUnavailable")] = () => {
  const state = requestState.getStore();
  if (state) state.databaseUnavailable = true;
};

// The request's id for the app's own log lines where Next's request scope is absent (the write lane).
globalThis[Symbol.for("callercheck.requestId")] = () => requestState.getStore()?.requestId;

// The page cache (PAGE_CACHE_SECONDS here, DATA_CACHE_SECONDS for shared caches; see pageCacheSettings).
let pageSettings;
try {
  pageSettings = pageCacheSettings(process.env);
} catch (error) {
  log.fatal(`PAGE_CACHE_SECONDS/DATA_CACHE_SECONDS: ${error.message}`);
  process.exit(1);
}
const { sharedMaxAgeSeconds } = pageSettings;
const pageCache = new PageCache({ ttlMs: pageSettings.ttlMs });
// Without intercepting routes a visitor's RSC payload is the same from whichever page it is asked (Next-Url).
// No manifest (dev): keep Next-Url in the key.
const nextUrlMatters = !manifest || hasInterceptingRoutes(manifest);
// Members are sent the kept copy of pages whose own parts they fetch (MEMBER_PAGE_PATHS) unless read
// replicas could make it miss their own write (the rule of membersReadCache in lib/numbers/public-page.ts).
const membersShareKept = !(process.env.DATABASE_REPLICA_URLS ?? "").split(",").some((url) => url.trim() !== "");
// lib/platform/cache-scope.ts reaches the page cache through this: what a render read, and what a write changed.
globalThis[Symbol.for("callercheck.pageCache")] = {
  noteTags(tags) {
    const page = requestState.getStore()?.page;
    if (page) for (const tag of tags) page.tags.add(tag);
  },
  noteUncachedRead() {
    const page = requestState.getStore()?.page;
    if (page) page.uncached = true;
  },
  invalidatePages(tags, holdMs) {
    pageCache.invalidate(tags, holdMs);
  },
};

// A hot page that expired is rendered again by the server itself: a GET to its own port with a token only
// it knows (so no client can force renders past the cache), one at a time, the others waiting their turn
// (RefreshQueue; the event loop keeps serving kept pages between a render's steps). Until the new copy is kept,
// the expired one is sent; only when the queue is full does the request render as a miss.
const REFRESH_HEADER = "x-callercheck-page-refresh";
const REFRESH_CONCURRENCY = 1;
// More than the pages a process keeps (PageCache's maxEntries): every expired hot page can wait its turn.
const REFRESH_QUEUE_LIMIT = 2_000;
// Workers of one primary share its token: the refresh request may reach any of them (scripts/server/cluster.mjs).
const refreshToken = process.env.CALLERCHECK_REFRESH_TOKEN || randomUUID();
const fromLoopback = (address) => address === "127.0.0.1" || address === "::1";
const refreshes = new RefreshQueue({
  concurrency: REFRESH_CONCURRENCY,
  limit: REFRESH_QUEUE_LIMIT,
  stillNeeded: (key) => pageCache.expiredButKept(key),
  start(key, done) {
    const target = refreshServer ?? server;
    // Shutting down: nothing to render into (on the next turn, so a long queue empties without deep recursion).
    if (!target.listening) return void setImmediate(done);
    const { address, port: listeningPort } = target.address();
    const host = address === "0.0.0.0" ? "127.0.0.1" : address === "::" ? "::1" : address;
    const { path: refreshPath, headers } = pageCache.requestFor(key);
    const request = http.get({ host, port: listeningPort, path: refreshPath, agent: false, headers: { ...headers, [REFRESH_HEADER]: refreshToken } }, (response) => {
      response.resume();
      response.on("end", done);
      response.on("error", done);
    });
    request.on("error", (error) => {
      done();
      log.warn({ err: error.message, path: key.split("?")[0] }, "background page refresh failed");
    });
    request.setTimeout(30_000, () => request.destroy(new Error("timed out")));
  },
});

/**
 * Renders a page that may be kept: Next's answer is held until it ends, kept when every read behind it
 * came from the data cache (then sent as the kept copy, with script hashes instead of the nonce), else
 * sent as rendered.
 */
function renderAndKeep(req, res, key, state) {
  state.page = { tags: new Set(), uncached: false, startedAt: pageCache.begin() };
  state.cache = "bypass";
  // What renders it again, read before Next handles the request (it takes `_rsc` off req.url).
  const request = isRscKey(key) ? { path: req.url, headers: rscRequestHeaders(req) } : undefined;
  // Next must not compress what is kept: the kept copy is compressed once, here.
  const acceptEncoding = req.headers["accept-encoding"];
  delete req.headers["accept-encoding"];
  holdResponse(res, (body, send) => {
    const policy = res.getHeader("content-security-policy");
    const text = body.toString("utf8");
    const keepable =
      res.statusCode === 200 &&
      !state.page.uncached &&
      !state.databaseUnavailable &&
      !res.hasHeader("set-cookie") &&
      !res.hasHeader("content-encoding") &&
      typeof policy === "string" &&
      (isRscKey(key) ? keepablePayload(res, body, text) : /^(text\/html|application\/json|application\/xml)\b/.test(String(res.getHeader("content-type") ?? "")));
    const entry = keepable ? pageCache.set(key, { status: 200, headers: Object.entries(res.getHeaders()), policy, html: text, request }, [...state.page.tags], state.page.startedAt) : null;
    if (!entry) {
      res.setHeader("X-Cache", "BYPASS");
      return send();
    }
    state.cache = "miss";
    for (const name of res.getHeaderNames()) if (name !== "x-request-id") res.removeHeader(name);
    sendKeptPage({ method: req.method, headers: { ...req.headers, "accept-encoding": acceptEncoding } }, res, entry, { sharedMaxAgeSeconds, cache: "MISS" });
  });
}

/**
 * Whether a visitor's RSC payload may be kept: Next's payload type, as text that survives being kept as UTF-8.
 * A payload may name a nonce (Next passes it to the page's own chunk scripts), but it is the nonce of the
 * payload's own response, which is never a document: a browser navigating on the client keeps its document and
 * its policy (loaded scripts are allowed by 'strict-dynamic'), and a kept HTML page carries hashes instead.
 */
function keepablePayload(res, body, text) {
  return String(res.getHeader("content-type") ?? "").startsWith("text/x-component") && Buffer.from(text, "utf8").equals(body);
}

/** The router headers an RSC payload was asked with, to ask for it again (its URL's `_rsc` is their hash). */
function rscRequestHeaders(req) {
  const headers = { rsc: "1" };
  for (const name of RSC_HEADERS) if (typeof req.headers[name] === "string") headers[name] = req.headers[name];
  return headers;
}

/** Rewrites a 500 into 503 + Retry-After when the request met a database outage. */
function answerOutageAs503(res, state) {
  const writeHead = res.writeHead;
  res.writeHead = function (statusCode, ...rest) {
    if (statusCode === 500 && state.databaseUnavailable && !res.headersSent) {
      statusCode = 503;
      res.setHeader("Retry-After", UNAVAILABLE_RETRY_SECONDS);
      res.setHeader("Cache-Control", "no-store");
      if (typeof rest[0] === "string") rest[0] = "Service Unavailable";
    }
    return writeHead.call(this, statusCode, ...rest);
  };
}
const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  const socketAddress = req.socket.remoteAddress;
  const address = clientAddressFrom({ socketAddress, forwardedFor: req.headers["x-forwarded-for"], trusted });
  delete req.headers[CLIENT_ADDRESS_HEADER];
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  // A request id from a trusted proxy is kept, so one id follows a request through the proxy's logs too.
  const incomingId = req.headers["x-request-id"];
  const socket = normaliseAddress(socketAddress);
  const fromTrusted = socket !== null && trusted.has(socket);
  // Next checks a server action's Origin against X-Forwarded-Host when present: from anyone but a
  // trusted proxy that header is the caller's word, and would let a cross-site form pass as same-origin.
  if (!fromTrusted) {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
  }
  const requestId = fromTrusted && typeof incomingId === "string" && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);

  if (draining) res.setHeader("Connection", "close");
  if (draining && req.url?.startsWith("/api/ready")) {
    res.writeHead(503, { "Content-Type": "application/json", "Cache-Control": "no-store", "Retry-After": "5" });
    res.end(JSON.stringify({ status: "shutting-down" }));
    return;
  }

  // The HTTP server span, when tracing is on (instrumentation.ts): its ids go on the request's line.
  const span = trace.getActiveSpan()?.spanContext();
  const traceIds = span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};

  // The path without its query string: queries can carry tokens (reset and confirmation links).
  const pathOnly = (req.url ?? "").split("?")[0];
  log.debug({ requestId, method: req.method, path: pathOnly }, "request started");
  const state = { databaseUnavailable: false, page: null, cache: undefined, requestId };
  res.on("close", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log.info({ requestId, ...traceIds, method: req.method, path: pathOnly, status: res.statusCode, ms: Math.round(ms * 10) / 10, address, finished: res.writableFinished, ...(state.cache ? { cache: state.cache } : {}) }, "request");
  });
  answerOutageAs503(res, state);
  if (assets && staticLaneTakes(req.url)) {
    assets
      .serve(req, res)
      .then((served) => served || handle(req, res))
      .catch((error) => {
        log.error({ requestId, err: error }, "unhandled error");
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
        res.end("Internal Server Error");
      });
    return;
  }
  if (lane && laneRoute(req.method, req.url)) {
    lane
      .serve(req, res, (fn) => requestState.run(state, fn))
      .then((served) => served || requestState.run(state, () => handle(req, res)))
      .catch((error) => {
        log.error({ requestId, err: error }, "unhandled error");
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json", "Cache-Control": "no-store" });
        res.end(JSON.stringify({ ok: false, error: "Something went wrong on our side. Please try again." }));
      });
    return;
  }
  // The server's own background render of a hot page (see refreshes above) skips the lookup.
  const refreshing = req.headers[REFRESH_HEADER] === refreshToken && fromLoopback(socket);
  delete req.headers[REFRESH_HEADER];
  const key = pageCache.enabled && !draining ? pageCacheKey(req, { membersShareKept, nextUrlMatters }) : null;
  // A member sent the visitors' page: on a miss it is rendered as a visitor's, without their cookies (their own parts
  // are asked for by the page: GET /api/me).
  if (key && memberSharesKept(req)) delete req.headers.cookie;
  const found = key && !refreshing ? pageCache.lookup(key) : undefined;
  if (found && !found.entry.api && (found.fresh || refreshes.request(key))) {
    state.cache = found.fresh ? "hit" : "stale";
    sendKeptPage(req, res, found.entry, { sharedMaxAgeSeconds, cache: found.fresh ? "HIT" : "STALE" });
    return;
  }
  const kept = found?.fresh ? found.entry : undefined;
  // A kept API answer is sent once the address's limit is spent; over it (or with the database away)
  // the app answers instead, with its own 429 or 503.
  const within = kept ? limitPool().then((pool) => spendApiLimit(pool, address)).catch(() => false) : Promise.resolve(false);
  void within.then((ok) => {
    if (ok && kept) {
      state.cache = "hit";
      sendKeptPage(req, res, kept, { sharedMaxAgeSeconds, cache: "HIT" });
      return;
    }
    // A HEAD's render has no body to keep: Next answers it as it is.
    if (key && req.method === "GET") renderAndKeep(req, res, key, state);
    return requestState.run(state, () => handle(req, res));
  }).catch((error) => {
    log.error({ requestId, err: error }, "unhandled error");
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
    res.end("Internal Server Error");
  });
});
server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout

// A worker of several (WEB_CONCURRENCY) renders its own background refreshes: the shared port would hand
// the request to whichever worker is next, which would keep the page while this one kept sending its
// stale copy. So each worker also listens on a loopback port of its own (not shared: `exclusive`), for
// those requests only; they still need the token to skip the cache.
const refreshServer = cluster.isWorker ? http.createServer(server.listeners("request")[0]) : null;
if (dev) server.on("upgrade", (req, socket, head) => app.getUpgradeHandler()(req, socket, head));

// The pool the server spends kept API answers' limits from (scripts/server/api-limit.mjs): made on first
// use, small (one statement per answer), closed on shutdown.
const pgModule = import("pg").then((module) => module.default);
let limits = null;
const limitPool = () => (limits ??= pgModule.then((pg) => new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4, application_name: "callercheck-api-limits" })));

// Other processes' cache invalidations (lib/platform/data-cache.ts broadcasts every write's tags with
// NOTIFY): one connection LISTENs and drops the same tags from the data cache and the page cache. After a
// lost connection everything is dropped (notifications may have been missed) and it reconnects.
const INVALIDATION_CHANNEL = "callercheck_cache";
let listener = null;
async function listenForInvalidations(attempt = 0) {
  // Either cache may hold what another process's write changed (members read the data cache too).
  if ((!pageCache.enabled && !pageSettings.dataCacheOn) || !process.env.DATABASE_URL || draining) return;
  const pg = await pgModule;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "callercheck-cache-listener" });
  const apply = (payload) => {
    const applyInBundle = globalThis[Symbol.for("callercheck.applyCacheInvalidation")];
    if (typeof applyInBundle === "function") return applyInBundle(payload);
    // No request has loaded the data cache yet: only pages can be kept, drop those.
    try {
      const { t: tags, h: holdMs } = JSON.parse(payload);
      if (Array.isArray(tags)) pageCache.invalidate(tags.map(String), Number(holdMs) || 0);
    } catch {
      // not ours
    }
  };
  let retried = false;
  const retry = (error) => {
    if (retried || draining) return;
    retried = true;
    listener = null;
    client.end().catch(() => undefined);
    const wait = Math.min(30_000, 500 * 2 ** attempt);
    log.warn({ err: error?.message, retryInMs: wait }, "cache invalidation listener lost its connection");
    setTimeout(() => void listenForInvalidations(attempt + 1), wait).unref();
  };
  client.on("notification", (message) => message.channel === INVALIDATION_CHANNEL && message.payload && apply(message.payload));
  client.on("error", retry);
  client.on("end", () => retry(new Error("connection ended")));
  try {
    await client.connect();
    await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
    listener = client;
    // Whatever was broadcast while not listening is unknown: start from empty caches.
    if (attempt > 0) apply(JSON.stringify({ o: "listener", t: ["*"], h: 0 }));
    log.debug("listening for cache invalidations");
  } catch (error) {
    retry(error);
  }
}

refreshServer?.listen({ port: 0, host: "127.0.0.1", exclusive: true });
server.listen(port, hostname, () => {
  void listenForInvalidations();
  // PORT=0 asks the system for a free port (the tests do): log the one we got.
  const actual = server.address().port;
  log.info({ port: actual, hostname, dev, trustedProxies: trusted.size, nodeEnv: process.env.NODE_ENV }, `listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${actual}`);
});

async function shutdown(signal) {
  if (draining) return;
  draining = true;
  log.info({ signal }, "shutting down: finishing requests in flight");
  const force = setTimeout(() => {
    log.warn("requests still in flight after SHUTDOWN_TIMEOUT_MS: exiting anyway");
    process.exit(1);
  }, shutdownTimeout);
  force.unref();
  // close() stops accepting and resolves once every connection has ended; idle keep-alive
  // connections are closed now, busy ones after their response (Connection: close above).
  refreshServer?.close();
  refreshServer?.closeAllConnections();
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  const idleTimer = setInterval(() => server.closeIdleConnections(), 100);
  await closed;
  clearInterval(idleTimer);
  await app.close?.().catch(() => undefined);
  await listener?.end().catch(() => undefined);
  await limits?.then((pool) => pool.end()).catch(() => undefined);
  // lib/platform/db.ts registers this; it is absent when no request ever used the database.
  await globalThis[Symbol.for("callercheck.disconnectDb")]?.().catch((error) => log.error({ err: error }, "closing the database pool failed"));
  // lib/platform/tracing.ts registers this when tracing is on: send the spans still buffered.
  await globalThis[Symbol.for("callercheck.shutdownTracing")]?.().catch((error) => log.error({ err: error }, "flushing trace spans failed"));
  log.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
