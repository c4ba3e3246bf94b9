// Next.js calls register() once when a server starts (next dev, next start and scripts/server.mjs).
// Tracing is optional: without the standard OTEL_* variables nothing is loaded and nothing changes.
import { tracingEnabled } from "./lib/platform/tracing-config";

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !tracingEnabled(process.env)) return;
  const { startTracing } = await import("./lib/platform/tracing");
  startTracing(process.env);
}
