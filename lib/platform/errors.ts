import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { logUnexpected } from "./log";

export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "RATE_LIMITED" | "INVALID";

export const statusFor: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INVALID: 400,
};

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

export function invalid(error: z.ZodError): AppError {
  const flat = z.flattenError(error);
  const first = flat.formErrors[0] ?? "Please correct the highlighted fields.";
  return new AppError("INVALID", first, flat.fieldErrors as Record<string, string[] | undefined>);
}

/** Parses with a zod schema or throws an INVALID AppError carrying the field messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

/** Turns anything thrown by a command into an ActionResult; unexpected errors are logged, not shown. */
export function toFailure(error: unknown): Extract<ActionResult<never>, { ok: false }> {
  if (error instanceof AppError) {
    return { ok: false, error: error.message, code: error.code, fieldErrors: error.fieldErrors };
  }
  // Next's redirect(), notFound() and friends are control flow, not failures.
  unstable_rethrow(error);
  void logUnexpected(error);
  return { ok: false, error: "Something went wrong on our side. Please try again." };
}

/** Prisma's unique-violation code, narrowed without importing the client into client-safe code. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
