import "server-only";
import { isSpanContextValid, trace } from "@opentelemetry/api";
import pino from "pino";
import { env } from "./env";

/**
 * The app's one logger: JSON lines on stdout (scripts/server.mjs writes the request lines with the
 * same fields). Never log a message body, a token, a password or a cookie: the redaction below is a
 * safety net, not a licence.
 */
export const log = pino({
  base: { service: "callercheck" },
  level: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
  mixin: traceFields,
  redact: {
    paths: ["password", "*.password", "token", "*.token", "secret", "*.secret", "text", "*.text", "headers.cookie", "headers.authorization", "*.headers.cookie", "*.headers.authorization"],
    censor: "[redacted]",
  },
});

/**
 * The active span's ids on every line written inside one, so a log line leads to its trace. Without
 * tracing configured there is never an active span (the API's no-op) and the line is unchanged.
 */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
}

/** An unexpected error, with the request id when there is one (server actions and route handlers). */
export async function logUnexpected(error: unknown, context: Record<string, unknown> = {}): Promise<void> {
  let requestId: string | undefined;
  try {
    const { headers } = await import("next/headers");
    requestId = (await headers()).get("x-request-id") ?? undefined;
  } catch {
    // Outside Next's request scope: the id scripts/server.mjs keeps for the request (its write lane), if any.
    const fromServer = (globalThis as { [key: symbol]: unknown })[Symbol.for("callercheck.requestId")];
    requestId = typeof fromServer === "function" ? (fromServer() as string | undefined) : undefined;
  }
  log.error({ ...context, requestId, err: error }, "unexpected error");
}
