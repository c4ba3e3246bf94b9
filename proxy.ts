import { NextResponse, type NextRequest } from "next/server";
import { numberUrlDecision } from "@/lib/numbers/url";
import { CROSS_SITE_MESSAGE, isCrossSite } from "@/lib/platform/cross-site";
import { env } from "@/lib/platform/env";
import { contentSecurityPolicy, newNonce } from "@/lib/platform/security-headers";

const formTargets = [
  ...(env.AUTH_GITHUB_ID ? ["https://github.com"] : []),
  ...(env.AUTH_GOOGLE_ID ? ["https://accounts.google.com"] : []),
];

/** Bodies larger than this are refused before any route reads them (server actions: next.config.js). */
const MAX_BODY_BYTES = 256 * 1024;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A path that cannot be decoded, or that decodes to control characters, names nothing: 400. */
function isHostilePath(pathname: string): boolean {
  try {
    return pathname.split("/").some((segment) => CONTROL.test(decodeURIComponent(segment)));
  } catch {
    return true;
  }
}

function refuse(request: NextRequest, status: 400 | 403 | 413, message: string): NextResponse {
  const headers = { "Cache-Control": "no-store" };
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : status === 403 ? "FORBIDDEN" : "INVALID", message } }, { status, headers });
  }
  const html = `<!doctype html><html lang="en-AU"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status === 413 ? "Too large" : status === 403 ? "Refused" : "Bad request"} · CallerCheck</title><main style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1>${status === 413 ? "That was too large" : status === 403 ? "That form came from another site" : "That address is not valid"}</h1><p>${message}</p><p><a href="/">Go to the home page</a></p></main></html>`;
  return new NextResponse(html, { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" } });
}

/** Deeper than any real action's arguments; a 100k-deep body would exhaust the parser's stack. */
const MAX_JSON_DEPTH = 64;

function jsonDepthWithin(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (++depth > limit) return false;
    } else if (c === "]" || c === "}") depth--;
  }
  return true;
}

/**
 * A server action call (Next-Action header) whose body Next could not decode would end as a 500:
 * answer 400 first. Forms post multipart or url-encoded bodies (Next decodes and bounds those);
 * JavaScript calls post the arguments as JSON text, checked here for syntax, depth and shape (an array).
 */
async function isMalformedActionCall(request: NextRequest): Promise<boolean> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "multipart/form-data" || type === "application/x-www-form-urlencoded") return false;
  if (type !== "text/plain") return true;
  const text = await request.clone().text();
  if (!jsonDepthWithin(text, MAX_JSON_DEPTH)) return true;
  try {
    // The arguments, as Next's client encodes them, are always a JSON array; anything else ("x", null, 1, {})
    // fails in Next's decoder as a 500.
    return !Array.isArray(JSON.parse(text));
  } catch {
    return true;
  }
}

/** A server action posted from another site (lib/platform/cross-site.ts). Next refuses it too, but with a 500; this answers 403 first. */
function isCrossSiteActionCall(request: NextRequest): boolean {
  return request.method === "POST" && request.headers.has("next-action") && isCrossSite(request.headers);
}

export async function proxy(request: NextRequest) {
  if (isHostilePath(request.nextUrl.pathname)) {
    return refuse(request, 400, "The address has a broken or forbidden character in it. Check the link, or search from the home page.");
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (Number.isFinite(length) && length > MAX_BODY_BYTES) {
    return refuse(request, 413, `The request is larger than ${MAX_BODY_BYTES / 1024} kB. Shorten what you typed and try again.`);
  }
  if (isCrossSiteActionCall(request)) return refuse(request, 403, CROSS_SITE_MESSAGE);
  if (await isMalformedActionCall(request)) return refuse(request, 400, "The form could not be read. Reload the page and try again.");
  // Any other spelling of a number in /numbers/<number> answers a permanent redirect to the
  // canonical /numbers/+61412345678 before rendering (a page's own redirect would come after the
  // root loading boundary has streamed, as a 200).
  let status: number | undefined;
  let rewriteTo: URL | undefined;
  const [, first, segment = "", ...rest] = request.nextUrl.pathname.split("/");
  if (first === "numbers" && segment && rest.length === 0) {
    const decision = numberUrlDecision(segment, request.nextUrl.searchParams, env.DEFAULT_REGION);
    if (decision.kind === "redirect") {
      // A POST (a server action, a form) is served at the canonical address instead: a redirect would
      // make the client re-send without its body.
      if (request.method === "GET" || request.method === "HEAD") return NextResponse.redirect(new URL(decision.location, request.url), 308);
      rewriteTo = new URL(decision.location, request.url);
    }
    // Not a phone number (/numbers/12): the page still renders its friendly "try again" view, with a
    // real 404 set before rendering starts.
    if (decision.kind === "invalid") status = 404;
  }

  // A Content-Security-Policy with a fresh nonce per request: Next reads it from the request's
  // headers and puts the nonce on its own scripts (pages are rendered per request).
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    development: env.NODE_ENV === "development",
    https: env.APP_URL.startsWith("https:"),
    formTargets,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = rewriteTo
    ? NextResponse.rewrite(rewriteTo, { request: { headers: requestHeaders } })
    : NextResponse.next({ status, request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Everything but build assets, which carry no script of their own to protect; GET /api/me, a JSON answer
// with no script either, asked on every member's page view (the proxy's checks cost about as much as the
// answer itself; it takes no body and validates its query itself); and the members' writes sent as JSON
// (/api/votes, /api/reports: lib/accounts/write-route.ts bounds the body, refuses other sites and reads
// nothing but a JSON object, so the proxy would only repeat it on the busiest writes).
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/me$|api/votes$|api/reports$).*)"] };
