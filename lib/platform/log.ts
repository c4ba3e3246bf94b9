import "server-only";
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
  redact: {
    paths: ["password", "*.password", "token", "*.token", "secret", "*.secret", "text", "*.text", "headers.cookie", "headers.authorization", "*.headers.cookie", "*.headers.authorization"],
    censor: "[redacted]",
  },
});

/** An unexpected error, with the request id when there is one (server actions and route handlers). */
export async function logUnexpected(error: unknown, context: Record<string, unknown> = {}): Promise<void> {
  let requestId: string | undefined;
  try {
    const { headers } = await import("next/headers");
    requestId = (await headers()).get("x-request-id") ?? undefined;
  } catch {
    // Outside a request (tests, scripts): no id.
  }
  log.error({ ...context, requestId, err: error }, "unexpected error");
}
