// Client-safe and free of Next: shared by proxy.ts (server actions) and lib/accounts/write-route.ts (members'
// JSON writes, which run outside the proxy).

/** What a refused cross-site form is told. */
export const CROSS_SITE_MESSAGE = "Forms can only be sent from CallerCheck's own pages. Open the page again and send it from there.";

/**
 * Sent from another site: the browser names the page's origin, and it is not the host the request came to.
 * The host is X-Forwarded-Host only when a trusted proxy sent it (scripts/server.mjs drops it from anyone
 * else), else the Host header. No Origin (not a browser's cross-site request) is not refused here.
 */
export function isCrossSite(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0].trim() || headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
