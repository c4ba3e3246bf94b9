// The members' hot requests — filing a report (POST /api/reports), casting or withdrawing a vote
// (POST/DELETE /api/votes), and their own parts of a kept page (GET /api/me) — handed straight to their
// route handlers, without Next's request pipeline.
//
// Why: measured on the production build (README "Benchmarks"), Next's routing, tracing and request/response
// adapters cost about 1.3 ms of a core for a route handler that does nothing (a refused POST), about half of
// what a whole report costs. These handlers (lib/accounts/write-route.ts, app/api/me/route.ts) need nothing of
// Next's request scope: they read the session and the client's address from the Request they are given, parse
// and bound the body themselves, and answer JSON with its status. So the server calls the same exported function
// Next would call, with the same Request, and sends the same answer with the headers Next's config adds to
// every response (routes-manifest.json's `headers`, i.e. next.config.js).
//
// Only in production (a build exists) and only for these exact paths and methods; anything else, or a build
// whose route module does not look as expected, goes to Next as before.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { configHeadersOf } from "./config-headers.mjs";

/** Path → the route's built entry (under <distDir>/server), the methods it exports, and whether it takes a query. */
const ROUTES = new Map([
  ["/api/reports", { entry: "app/api/reports/route.js", methods: new Set(["POST"]), query: false }],
  ["/api/votes", { entry: "app/api/votes/route.js", methods: new Set(["POST", "DELETE"]), query: false }],
  // A signed-in member's own parts of the kept page they view (app/api/me): one per member's page view.
  ["/api/me", { entry: "app/api/me/route.js", methods: new Set(["GET"]), query: true }],
]);

/** Whether the lane may take this request (then `serve` decides finally, once the route module is loaded). */
export function laneRoute(method, url) {
  const [pathname, query] = (url ?? "").split("?");
  const route = ROUTES.get(pathname);
  return Boolean(route && route.methods.has(method) && (query === undefined || route.query));
}

/** More than any write's JSON (lib/accounts/write-route.ts bounds it at 64 kB and answers 413 past it). */
export const BODY_LIMIT = 64 * 1024;

/**
 * Makes the lane for a production build in `root/distDir`, or null (dev, no build, or a build without a
 * routes manifest). `serve(req, res, run)` answers a request and returns true, or returns false for Next to
 * handle it; `run(fn)` runs the handler inside the server's per-request store. `configHeaders`: next.config.js's
 * headers by path (scripts/server/config-headers.mjs), read from the build's manifest when not given.
 */
export function writeLane({ root, distDir, log, configHeaders = configHeadersOf({ root, distDir }) }) {
  if (!configHeaders) return null;
  const requireBuilt = createRequire(path.join(root, distDir, "server", "noop.js"));
  const handlers = new Map();

  /** The route's exported handler for `method`, or null when the built module is not what we expect. */
  function handlerFor(pathname, method) {
    const key = `${method} ${pathname}`;
    if (!handlers.has(key)) {
      handlers.set(
        key,
        (async () => {
          const route = ROUTES.get(pathname);
          const file = path.join(root, distDir, "server", route.entry);
          if (!fs.existsSync(file)) return null;
          const routeModule = requireBuilt(file).routeModule;
          if (typeof routeModule?.ensureUserland !== "function") return null;
          await routeModule.ensureUserland();
          const handler = routeModule.userland?.[method];
          return typeof handler === "function" ? handler : null;
        })().catch((error) => {
          log.warn({ err: error.message, path: pathname }, "write lane: route module not loaded; Next handles it");
          return null;
        }),
      );
    }
    return handlers.get(key);
  }

  async function serve(req, res, run) {
    if (!laneRoute(req.method, req.url)) return false;
    const [pathname, query] = (req.url ?? "").split("?");
    const handler = await handlerFor(pathname, req.method);
    if (!handler) return false;

    // The handlers read only the path and query of the URL (isCrossSite compares Origin with the Host header
    // itself), so its origin is fixed rather than taken from a header. What cannot be read as a URL or as
    // headers goes to Next, before the body is touched.
    let url;
    const headers = new Headers();
    try {
      url = new URL(`${pathname}${query === undefined ? "" : `?${query}`}`, "http://localhost");
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
    } catch {
      return false;
    }
    const { body, overLimit } = req.method === "GET" ? { body: undefined, overLimit: false } : await readBody(req);
    const request = new Request(url, { method: req.method, headers, body });
    const response = await run(() => handler(request));
    const payload = Buffer.from(await response.arrayBuffer());
    for (const { key, value } of configHeaders(pathname)) res.setHeader(key, value);
    for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
    res.setHeader("Content-Length", payload.length);
    // What the client sent past the limit is not read: close the connection rather than read it.
    if (overLimit) res.setHeader("Connection", "close");
    res.writeHead(response.status);
    res.end(payload);
    return true;
  }

  return { serve };
}

/** The request's body, at most BODY_LIMIT + 1 bytes (enough for the handler to see it is too large). */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (overLimit) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      if (overLimit) req.pause();
      resolve({ body: Buffer.concat(chunks, Math.min(size, BODY_LIMIT + 1)), overLimit });
    };
    const onData = (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > BODY_LIMIT) finish(true);
    };
    req.on("data", onData);
    req.once("end", () => finish(false));
    const fail = (error) => {
      if (done) return;
      done = true;
      reject(error);
    };
    req.once("error", fail);
    // A client gone before its body ended: nothing to answer.
    req.once("close", () => fail(new Error("the request closed before its body was read")));
  });
}
