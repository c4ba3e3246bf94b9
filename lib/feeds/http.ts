import "server-only";
import { etagFor, etagMatches } from "../platform/etag";
import { DATA_LICENCE } from "./rules";

// Conditional GET for the feeds: ETag (from the body), Last-Modified, a short public cache lifetime.

export const FEED_CACHE = "public, max-age=300, s-maxage=300, stale-while-revalidate=3600";

/**
 * 200 with the body, or 304 when the client's If-None-Match (or, without it, If-Modified-Since) still holds.
 * `next`: where the rest is when this answer stopped at its `limit` (the same address with `since` set to its
 * version), sent as `Link: <…>; rel="next"` — the JSON feeds also say `more`; CSV and vCard have only the header.
 */
export function cachedResponse(request: Request, body: string, contentType: string, lastModified: Date, next?: string): Response {
  const etag = etagFor(body);
  // HTTP dates have whole seconds.
  const modified = new Date(Math.floor(lastModified.getTime() / 1000) * 1000);
  const headers = {
    ETag: etag,
    "Last-Modified": modified.toUTCString(),
    "Cache-Control": FEED_CACHE,
    "Access-Control-Allow-Origin": "*",
    Link: [`<${DATA_LICENCE.url}>; rel="license"`, ...(next ? [`<${next}>; rel="next"`] : [])].join(", "),
    "Access-Control-Expose-Headers": "Link, ETag, Last-Modified",
  };
  const noneMatch = request.headers.get("if-none-match");
  const since = Date.parse(request.headers.get("if-modified-since") ?? "");
  const fresh = noneMatch ? etagMatches(noneMatch, etag) : !Number.isNaN(since) && modified.getTime() <= since;
  if (fresh) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "Content-Type": contentType } });
}
