// The build's own files (`/_next/static/…`: the pages' scripts and stylesheet, content-hashed, never changing
// under one name) served from memory, compressed once.
//
// Why: Next serves each of them from disk and compresses it again for every request (gzip, level 6 by default).
// Measured on the production build (README "Benchmarks"), a page's largest script cost about 6 ms of a core per
// request, so a new visitor's first view (a kept page of well under a millisecond, then ten scripts and the
// stylesheet) cost the server some 50 ms; in a scam wave most visitors are new. Lighthouse also reads how long
// the server took over each file, and on a busy 2-core machine the stylesheet and scripts took 150–350 ms.
//
// The site's icons (app/favicon.ico, app/icon.svg) are sent from the same memory: Next prerenders them into the
// build (`server/app/<name>.body`) but answered each through its whole pipeline (about 2 ms of a core here) with
// `max-age=0, must-revalidate` and no validator, so a browser fetched the icon again with every page it opened.
// They are sent with `public, max-age=86400` and an ETag: the page names `/icon.svg?<hash of the file>`, a new
// address when the icon changes; `/favicon.ico`, which browsers ask for by that name, may be a day old.
//
// A file is read and compressed (Brotli at its best setting, and gzip) on its first request, or read from the
// `.br` / `.gz` copies `npm run build` writes beside it (the CLI below), and then kept: at most MAX_BYTES in all.
// It is sent with what Next sends for it (its type, `Cache-Control: public, max-age=31536000, immutable`, the
// headers next.config.js gives every response) plus a strong ETag per encoding. Anything else under
// `/_next/static/` — a path outside the folder, a query, a name with `%` or `..`, a type not listed below, a missing file — goes to Next as before.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { preferredEncoding } from "./encoding.mjs";

const PREFIX = "/_next/static/";
/** What a name under the folder may be: Next's hashed chunk and media names, nothing to decode. */
const SAFE_PATH = /^[A-Za-z0-9_~-][A-Za-z0-9._~/-]*$/;
/** The types Next gives these files (next/dist/server/serve-static: the `send` package's table). */
const TYPES = new Map([
  [".js", "application/javascript; charset=UTF-8"],
  [".css", "text/css; charset=UTF-8"],
  [".json", "application/json; charset=UTF-8"],
  [".map", "application/json; charset=UTF-8"],
  [".txt", "text/plain; charset=UTF-8"],
  [".svg", "image/svg+xml"],
  [".ico", "image/x-icon"],
  [".png", "image/png"],
  [".jpg", "image/jpeg"],
  [".webp", "image/webp"],
  [".avif", "image/avif"],
  [".woff2", "font/woff2"],
  [".woff", "font/woff"],
]);
/** Types worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = new Set([".js", ".css", ".json", ".map", ".txt", ".svg", ".ico"]);
/** Everything kept in one process: the build's static folder is about 1 MB; a folder past this is left to Next. */
export const MAX_BYTES = 64 * 1024 * 1024;
export const IMMUTABLE = "public, max-age=31536000, immutable";
export const ICON_CACHE = "public, max-age=86400";
/** The icon routes Next prerenders from app/ (metadata files), by path: the build's copy under server/app. */
const ICONS = new Map([
  ["/favicon.ico", "favicon.ico"],
  ["/icon.svg", "icon.svg"],
]);

/** A policy for an icon: an SVG opened on its own runs nothing and loads nothing. */
const ICON_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/** Whether the lane may take this request's path (then `serve` decides finally). */
export function staticLaneTakes(url) {
  return typeof url === "string" && (url.startsWith(PREFIX) || ICONS.has(url.split("?")[0]));
}

/** The prerendered body of an icon a request path names (any query: Next adds its hash), or null. */
export function iconFile(serverAppDir, url) {
  const name = ICONS.get(String(url ?? "").split("?")[0]);
  return name ? path.join(serverAppDir, `${name}.body`) : null;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const BROTLI_BEST = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } };
const GZIP_BEST = { level: zlib.constants.Z_BEST_COMPRESSION };

/** The file under `staticDir` a request path names, or null when this module does not serve it. */
export function assetFile(staticDir, urlPath) {
  if (typeof urlPath !== "string" || !urlPath.startsWith(PREFIX)) return null;
  const name = urlPath.slice(PREFIX.length);
  if (!SAFE_PATH.test(name) || name.split("/").some((segment) => segment === "" || segment === "." || segment === "..")) return null;
  if (!TYPES.has(path.extname(name))) return null;
  return path.join(staticDir, ...name.split("/"));
}

/** A compressed copy written beside `file` by the build (CLI below), if it is as new as the file. */
async function siblingCopy(file, suffix, fileStat) {
  try {
    const stat = await fs.promises.stat(file + suffix);
    return stat.mtimeMs >= fileStat.mtimeMs ? await fs.promises.readFile(file + suffix) : null;
  } catch {
    return null;
  }
}

/** Reads one file and its compressed copies (the build's, or made now off the event loop). */
export async function prepareAsset(file) {
  const stat = await fs.promises.stat(file);
  if (!stat.isFile()) return null;
  const body = await fs.promises.readFile(file);
  // An icon's prerendered body is named <name>.body.
  const ext = path.extname(file.replace(/\.body$/, ""));
  let br = null;
  let gz = null;
  if (COMPRESSIBLE.has(ext)) {
    br = (await siblingCopy(file, ".br", stat)) ?? (await brotli(body, BROTLI_BEST));
    gz = (await siblingCopy(file, ".gz", stat)) ?? (await gzip(body, GZIP_BEST));
    // A copy no smaller than the file is not worth its header.
    if (br.length >= body.length) br = null;
    if (gz.length >= body.length) gz = null;
  }
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 27);
  return { type: TYPES.get(ext), body, br, gz, etag: { identity: `"${hash}"`, br: `"${hash}-br"`, gzip: `"${hash}-gz"` }, bytes: body.length + (br?.length ?? 0) + (gz?.length ?? 0) };
}

/**
 * The static lane of a production build in `root/distDir`. `serve(req, res)` answers a GET or HEAD of a
 * build file and returns true, or returns false for Next to handle it. `extraHeaders(pathname)` gives the
 * headers next.config.js sets on that path (scripts/server/config-headers.mjs).
 * @param {{ root: string, distDir: string, extraHeaders?: (pathname: string) => { key: string, value: string }[], log?: { warn: (fields: object, message: string) => void }, maxBytes?: number }} options
 */
export function staticAssets({ root, distDir, extraHeaders = () => [], log = undefined, maxBytes = MAX_BYTES }) {
  const staticDir = path.join(root, distDir, "static");
  const serverAppDir = path.join(root, distDir, "server", "app");
  if (!fs.existsSync(staticDir)) return null;
  /** file → Promise of its prepared asset (null: not a file, or over the budget: Next serves it). */
  const assets = new Map();
  let keptBytes = 0;

  function load(file) {
    let pending = assets.get(file);
    if (!pending) {
      pending = prepareAsset(file).then(
        (asset) => {
          if (asset && keptBytes + asset.bytes > maxBytes) {
            // Not kept (the budget is spent): the next request asks Next, which serves it as before.
            assets.delete(file);
            return null;
          }
          if (asset) keptBytes += asset.bytes;
          else assets.delete(file);
          return asset;
        },
        (error) => {
          assets.delete(file);
          if (error?.code !== "ENOENT") log?.warn({ err: error.message }, "static lane: file not read; Next serves it");
          return null;
        },
      );
      assets.set(file, pending);
    }
    return pending;
  }

  async function serve(req, res) {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const icon = iconFile(serverAppDir, req.url);
    const file = icon ?? assetFile(staticDir, req.url);
    if (!file) return false;
    const asset = await load(file);
    if (!asset) return false;
    const encoding = preferredEncoding(req.headers["accept-encoding"]);
    // Only the encoding the browser prefers, or the file itself (preferredEncoding names one, not what else it takes).
    const body = encoding === "br" && asset.br ? asset.br : encoding === "gzip" && asset.gz ? asset.gz : asset.body;
    const sent = body === asset.br ? "br" : body === asset.gz ? "gzip" : null;
    for (const { key, value } of extraHeaders(req.url.split("?")[0])) res.setHeader(key, value);
    res.setHeader("Cache-Control", icon ? ICON_CACHE : IMMUTABLE);
    if (icon) res.setHeader("Content-Security-Policy", ICON_POLICY);
    res.setHeader("Content-Type", asset.type);
    if (asset.br || asset.gz) res.setHeader("Vary", "Accept-Encoding");
    const etag = asset.etag[sent ?? "identity"];
    res.setHeader("ETag", etag);
    const ifNoneMatch = req.headers["if-none-match"];
    if (typeof ifNoneMatch === "string" && ifNoneMatch.split(",").some((tag) => [etag, "*"].includes(tag.trim().replace(/^W\//, "")))) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    if (sent) res.setHeader("Content-Encoding", sent);
    res.setHeader("Content-Length", String(body.length));
    res.statusCode = 200;
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }

  /** Prepares every file of the build now (one at a time, off the event loop), so no visitor waits for one. */
  async function warm() {
    for (const name of ICONS.values()) await load(path.join(serverAppDir, `${name}.body`));
    for (const file of listFiles(staticDir)) {
      if (keptBytes >= maxBytes) return;
      if (TYPES.has(path.extname(file))) await load(file);
    }
  }

  return { serve, warm, keptBytes: () => keptBytes };
}

/** Every file under `dir` (recursively), without the compressed copies. */
function listFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile() && !/\.(br|gz)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Writes `.br` and `.gz` beside each compressible file of a build's static folder (run by `npm run build`). */
export async function precompress(staticDir) {
  let files = 0;
  for (const file of listFiles(staticDir)) {
    if (!COMPRESSIBLE.has(path.extname(file))) continue;
    const body = fs.readFileSync(file);
    fs.writeFileSync(`${file}.br`, await brotli(body, BROTLI_BEST));
    fs.writeFileSync(`${file}.gz`, await gzip(body, GZIP_BEST));
    files++;
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const distDir = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? ".next";
  const staticDir = path.resolve(distDir, "static");
  if (!fs.existsSync(staticDir)) {
    console.error(`No build at ${staticDir}: run next build first.`);
    process.exit(1);
  }
  const files = await precompress(staticDir);
  console.log(`Compressed ${files} files in ${staticDir} (Brotli and gzip copies beside each).`);
}
