import "server-only";
import { AppError, statusFor, toFailure, UNAVAILABLE_RETRY_SECONDS, type ActionResult } from "../platform/errors";
import { CROSS_SITE_MESSAGE, isCrossSite } from "../platform/cross-site";
import { addressFrom } from "../platform/rate-limit";
import type { ActionContext } from "./action";
import { getActorFrom } from "./authz";

// A member's write as a route handler: what the browser sends when JavaScript runs (lib/platform/send-json.ts).
// A server action costs Next's page pipeline on every call (about 2.7 ms of a core here, before the write
// does anything: README "Benchmarks"); a route handler costs a tenth of that. Same commands, same answer
// (an ActionResult), same checks: the actor re-read from the database, the client's address for limits.

const NO_STORE = { "Cache-Control": "no-store" };
/** Far above any form's JSON (the report form is the largest, under 8 kB). These routes are outside proxy.ts, so the bound is here. */
export const MAX_BODY_BYTES = 64 * 1024;
const TOO_LARGE = "The form is too large. Shorten what you typed and try again.";

/** The body as text, or null past `limit` bytes (read no further than that, whatever Content-Length said). */
async function readBounded(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function answer<T>(result: ActionResult<T>, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(result, { status, headers: { ...NO_STORE, ...headers } });
}

function refuse(status: 400 | 403 | 413 | 415, error: string): Response {
  const code = status === 403 ? "FORBIDDEN" : "INVALID";
  return answer({ ok: false, error, code }, status);
}

/**
 * A route handler for one member command: a JSON object in, an ActionResult out, with the status its
 * failure means (400 invalid, 401 signed out, 403 refused, 404, 409, 429 with Retry-After, 503; an
 * unexpected error is logged and answered 500 without detail). Never cached.
 */
export function writeRoute<T>(handler: (input: Record<string, unknown>, context: ActionContext) => Promise<ActionResult<T>>) {
  return async (request: Request): Promise<Response> => {
    // The session cookie is SameSite=Lax, so such a request carries no session anyway; this says so plainly.
    if (isCrossSite(request.headers)) return refuse(403, CROSS_SITE_MESSAGE);
    const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") return refuse(415, "Send the form as JSON (Content-Type: application/json).");
    const text = await readBounded(request, MAX_BODY_BYTES);
    if (text === null) return refuse(413, TOO_LARGE);
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      return refuse(400, "The form could not be read. Reload the page and try again.");
    }
    if (input === null || typeof input !== "object" || Array.isArray(input)) return refuse(400, "The form could not be read. Reload the page and try again.");
    try {
      const actor = await getActorFrom(request.headers);
      const address = addressFrom(request.headers);
      return answer(await handler(input as Record<string, unknown>, { actor, address }));
    } catch (error) {
      const failure = toFailure(error);
      const status = failure.code ? statusFor[failure.code] : 500;
      const retryAfter =
        failure.code === "UNAVAILABLE" ? UNAVAILABLE_RETRY_SECONDS : error instanceof AppError && error.code === "RATE_LIMITED" ? error.retryAfterSeconds : undefined;
      return answer(failure, status, retryAfter ? { "Retry-After": String(Math.max(1, Math.ceil(retryAfter))) } : {});
    }
  };
}
