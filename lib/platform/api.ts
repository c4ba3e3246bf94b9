import "server-only";
import { z } from "zod";
import { apiErrorSchema, type ApiError } from "./api-error";
import { AppError, FIELDS_MESSAGE, isDatabaseUnavailable, statusFor, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_SECONDS } from "./errors";
import { getApiKeyActor } from "./api-keys";
import { logUnexpected } from "./log";
import { addressFrom, consumeLimit, consumeQuota, retryMessage, type Quota } from "./rate-limit";

// Shared by every /api/v1 route handler: one error shape, per-address limits, validated bodies.

const NO_STORE = { "Cache-Control": "no-store" };

/** `{ "error": { "code", "message" } }` with the code's status. */
export function errorJson(code: ApiError["error"]["code"], message: string, headers: HeadersInit = {}): Response {
  const status = code === "INTERNAL" ? 500 : code === "UNAVAILABLE" ? 503 : code === "PAYLOAD_TOO_LARGE" ? 413 : statusFor[code];
  return Response.json(apiErrorSchema.parse({ error: { code, message } }), { status, headers: { ...NO_STORE, ...headers } });
}

/**
 * An API client has no highlighted fields: where a form would say "correct the highlighted fields", the API names
 * each field with its first problem ("reference: Enter the reference you were given.").
 */
function apiMessage(error: AppError): string {
  if (error.code !== "INVALID" || error.message !== FIELDS_MESSAGE || !error.fieldErrors) return error.message;
  const fields = Object.entries(error.fieldErrors).flatMap(([field, messages]) => (messages?.length ? [`${field}: ${messages[0]}`] : []));
  return fields.length ? fields.join(" ") : error.message;
}

/** Expected failures keep their message; anything else is logged and answered with a generic 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const retry = error.code === "RATE_LIMITED" && error.retryAfterSeconds ? { "Retry-After": String(Math.max(1, Math.ceil(error.retryAfterSeconds))) } : undefined;
    return errorJson(error.code, apiMessage(error), retry);
  }
  if (isDatabaseUnavailable(error)) {
    return errorJson("UNAVAILABLE", UNAVAILABLE_MESSAGE.replace(" Nothing was saved.", ""), { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS) });
  }
  void logUnexpected(error);
  return errorJson("INTERNAL", "Something went wrong on our side. Please try again.");
}

/** Spends one point of LIMITS.api for the caller's address (see addressFrom). */
export async function limitByAddress(request: Request): Promise<void> {
  await consumeLimit("api", `address:${addressFrom(request.headers)}`, "Too many requests");
}

/** X-RateLimit-Limit and X-RateLimit-Remaining on a key's every answer (Retry-After comes with the 429). */
function withQuota(response: Response, quota: Quota | null): Response {
  if (!quota) return response;
  response.headers.set("X-RateLimit-Limit", String(quota.limit));
  response.headers.set("X-RateLimit-Remaining", String(quota.remaining));
  response.headers.set("X-RateLimit-Reset", String(quota.resetSeconds));
  return response;
}

/**
 * Wraps a route handler: a request with an API key is counted against the key's daily quota, any
 * other against its address; then an AppError (a request's own validation throws one, through parseOrThrow)
 * becomes the error shape and anything else, a stray ZodError included, a logged 500.
 */
export function apiRoute<C>(handler: (request: Request, context: C) => Promise<Response>, options: { limit?: boolean; memberKeys?: boolean } = {}) {
  return async (request: Request, context: C): Promise<Response> => {
    let quota: Quota | null = null;
    try {
      // Routes that authenticate with an organisation's own key (the call-recording API) opt out of
      // members' API keys: their bearer token is read by the route itself.
      const key = options.memberKeys === false ? null : await getApiKeyActor(request);
      if (key) {
        quota = await consumeQuota(key.keyId, key.dailyQuota);
        if (quota.exceeded) throw new AppError("RATE_LIMITED", `This API key has used its ${quota.limit.toLocaleString("en")} requests for today. ${retryMessage(quota.resetSeconds)}`, undefined, quota.resetSeconds);
      } else if (options.limit !== false) await limitByAddress(request);
      return withQuota(await handler(request, context), quota);
    } catch (error) {
      return withQuota(errorResponse(error), quota);
    }
  };
}

/**
 * A 200 (or 201) whose body is parsed through its schema first, so nothing undocumented goes out. A body that
 * fails its own schema is our bug: a logged 500, never a 400 blamed on the client.
 */
export function okJson<S extends z.ZodType>(schema: S, body: z.input<S>, headers: HeadersInit = {}, status: 200 | 201 = 200): Response {
  return Response.json(parseResponse(schema, body), { status, headers });
}

/** Parses a response body we built; a mismatch throws a plain Error (a 500), not a ZodError (a 400). */
export function parseResponse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`Response failed its own schema: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  return parsed.data;
}

/**
 * Cache-Control for a lookup that changes when reports arrive: a browser asks again every time (so a member's
 * lookup after their own report is fresh); a CDN may hold it for 5 s (the app's own cache lifetime), as pages,
 * which carries a scam wave's thousands of lookups of one number without showing a report late by more than that.
 */
export const LOOKUP_CACHE = "public, max-age=0, s-maxage=5, stale-while-revalidate=5";
