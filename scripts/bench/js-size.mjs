// JavaScript per page, gzipped (the measure), and Brotli-compressed as the server sends it to a browser
// that asks for it (scripts/server/static-assets.mjs: every current browser over HTTPS), and any referenced asset that 404s.
//   node scripts/bench/js-size.mjs http://127.0.0.1:3000 / /registry …   (loopback only)
// A `<script noModule>` (Next's polyfills for browsers without ES modules, ≈39 kB) is fetched only by
// such browsers, none of them current: it is counted apart (legacyGzipBytes), not in the page's total.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const brotliBest = (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });

const ASSET = /<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"/g;
const NO_MODULE = /<script[^>]*\bsrc="([^"]+)"[^>]*\bnoModule\b[^>]*>|<script[^>]*\bnoModule\b[^>]*\bsrc="([^"]+)"[^>]*>/gi;

export async function jsPerPage(base, pages) {
  const results = [];
  for (const [pagePath, name] of pages) {
    const html = await (await fetch(new URL(pagePath, base))).text();
    const assets = [...new Set([...html.matchAll(ASSET)].map((match) => match[1].replace(/&amp;/g, "&")))].filter((href) => href.startsWith("/"));
    const legacy = new Set([...html.matchAll(NO_MODULE)].map((match) => (match[1] ?? match[2]).replace(/&amp;/g, "&")));
    let gzipBytes = 0;
    let brotliBytes = 0;
    let legacyGzipBytes = 0;
    let scripts = 0;
    let notFound = 0;
    for (const href of assets) {
      const response = await fetch(new URL(href, base));
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status === 404) notFound++;
      if (legacy.has(href)) legacyGzipBytes += gzipSync(body, { level: 9 }).length;
      else if (/\.js(\?|$)/.test(href)) {
        scripts++;
        gzipBytes += gzipSync(body, { level: 9 }).length;
        brotliBytes += brotliBest(body).length;
      }
    }
    // Browsers ask for /favicon.ico unless the page names an icon.
    if (!/rel="(shortcut )?icon"/.test(html) && (await fetch(new URL("/favicon.ico", base))).status === 404) notFound++;
    results.push({ name, path: pagePath, gzipBytes, brotliBytes, legacyGzipBytes, scripts, notFound });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [base, ...paths] = process.argv.slice(2);
  if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(base ?? "")) {
    console.error("usage: node scripts/bench/js-size.mjs http://127.0.0.1:<port> /path …");
    process.exit(1);
  }
  const results = await jsPerPage(base, (paths.length ? paths : ["/"]).map((p) => [p, p]));
  console.table(results.map((r) => ({ page: r.path, "JS gzip kB": (r.gzipBytes / 1024).toFixed(1), "JS Brotli kB": (r.brotliBytes / 1024).toFixed(1), "noModule kB": (r.legacyGzipBytes / 1024).toFixed(1), scripts: r.scripts, "404s": r.notFound })));
}
