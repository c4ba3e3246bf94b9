import { z } from "zod";
import { logUnexpected } from "./log";

export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "RATE_LIMITED" | "INVALID" | "UNAVAILABLE";

export const statusFor: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INVALID: 400,
  UNAVAILABLE: 503,
};

/** The digest an error carries when the database did not answer; app/error.tsx shows the outage page for it. */
export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
export const UNAVAILABLE_MESSAGE = "CallerCheck is temporarily unavailable: our database is not answering. Nothing was saved. Please try again in a minute.";
/** Seconds a client should wait before retrying during an outage (Retry-After). */
export const UNAVAILABLE_RETRY_SECONDS = 30;

// Connection refused or reset, server shutting down or starting up, pool exhausted: the database is
// away, not the request wrong. Matched on codes where the driver gives one (Prisma P1001/P1017/P2024,
// PostgreSQL class 08 and 57P0x, Node's socket errors), and on the adapter's wording otherwise.
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"]);
const UNAVAILABLE_TEXT = /ECONNREFUSED|ECONNRESET|Connection terminated|connection (?:is )?(?:closed|lost)|Server has closed the connection|server closed the connection unexpectedly|terminating connection due to administrator command|the database system is (?:shutting down|starting up|in recovery mode)|Can't reach database server|DatabaseNotReachable|Timed out fetching a new connection|Client has encountered a connection error|Unable to start a transaction in the given time/i;

/** True when an error (or anything in its cause chain) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { code, message, digest, kind, cause, meta } = current as { code?: unknown; message?: unknown; digest?: unknown; kind?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (digest === DATABASE_UNAVAILABLE || kind === "DatabaseNotReachable") return true;
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === "string" && UNAVAILABLE_TEXT.test(message)) return true;
    current = cause ?? meta?.driverAdapterError;
  }
  return false;
}

/** An expected failure whose message a user may read. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[] | undefined>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; code?: ErrorCode; fieldErrors?: Record<string, string[] | undefined> };

/** A form's message when the problems are in its fields (each shown beside its field). */
export const FIELDS_MESSAGE = "Please correct the highlighted fields.";

export function invalid(error: z.ZodError): AppError {
  const flat = z.flattenError(error);
  const first = flat.formErrors[0] ?? FIELDS_MESSAGE;
  return new AppError("INVALID", first, flat.fieldErrors as Record<string, string[] | undefined>);
}

// NUL and the other C0 controls (but tab, line feed and carriage return, which free text may hold) and DEL.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const CONTROL_CHARACTER_MESSAGE = "Remove the invisible control characters from this field.";

/** Field paths (top level, "" for the input itself) whose strings hold control characters. */
export function fieldsWithControlCharacters(input: unknown, path = "", depth = 0): string[] {
  if (typeof input === "string") return FORBIDDEN_CHARACTERS.test(input) ? [path] : [];
  if (depth > 8 || input === null || typeof input !== "object") return [];
  const entries = Array.isArray(input) ? input.map((value, i) => [String(i), value] as const) : Object.entries(input);
  return entries.flatMap(([key, value]) => fieldsWithControlCharacters(value, path || key, depth + 1));
}

/**
 * Parses with a zod schema or throws an INVALID AppError carrying the field messages. Every command
 * validates through here, so control characters are refused for every schema, whatever it allows.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const hostile = fieldsWithControlCharacters(input);
  if (hostile.length) {
    const fieldErrors = Object.fromEntries(hostile.filter(Boolean).map((field) => [field, [CONTROL_CHARACTER_MESSAGE]]));
    throw new AppError("INVALID", CONTROL_CHARACTER_MESSAGE, fieldErrors);
  }
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

/** Turns anything thrown by a command into an ActionResult; unexpected errors are logged, not shown. */
export function toFailure(error: unknown): Extract<ActionResult<never>, { ok: false }> {
  if (error instanceof AppError) {
    return { ok: false, error: error.message, code: error.code, fieldErrors: error.fieldErrors };
  }
  // Next's redirect(), notFound() and friends are control flow, not failures. serverAction()
  // (lib/accounts/action.ts) rethrows them with Next's own unstable_rethrow first; this file stays free
  // of Next imports so scripts (the seed, the worker) can use it, and recognises them by their digest.
  if (isNextControlFlow(error)) throw error;
  if (isDatabaseUnavailable(error)) {
    void logUnexpected(new Error(`database unavailable: ${error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : "unknown"}`));
    return { ok: false, error: UNAVAILABLE_MESSAGE, code: "UNAVAILABLE" };
  }
  void logUnexpected(error);
  return { ok: false, error: "Something went wrong on our side. Please try again." };
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest === "NEXT_NOT_FOUND" || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}

/**
 * The SQLSTATE of a PostgreSQL error, or null: straight from `pg` (lib/platform/db.ts sql()) it is the error's
 * code; inside a Prisma raw query's failure (P2010) Prisma 7 carries it as the driver adapter's
 * `cause.originalCode`, and names it in the message ("Code: `23505`").
 */
export function sqlStateOf(error: unknown): string | null {
  const known = error as { code?: unknown; severity?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } }; message?: unknown } | null;
  // Straight from pg (lib/platform/db.ts sql): its DatabaseError carries the SQLSTATE and a severity.
  if (typeof known?.code === "string" && typeof known.severity === "string" && /^[0-9A-Z]{5}$/.test(known.code)) return known.code;
  if (known?.code !== "P2010") return null;
  const original = known.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof original === "string") return original;
  const named = typeof known.message === "string" ? /Code: `([0-9A-Z]{5})`/.exec(known.message) : null;
  return named?.[1] ?? null;
}

/**
 * A unique violation, narrowed without importing the client into client-safe code: Prisma's P2002 from its
 * own queries, or PostgreSQL's 23505 from a raw statement (sql(), or Prisma's P2010: the report's one statement).
 */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002" || sqlStateOf(error) === "23505";
}
