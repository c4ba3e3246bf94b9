// Pure: whether OpenTelemetry tracing is configured, from the standard environment variables only.
// Tracing is off unless an operator asks for it; then the SDK (lib/platform/tracing.ts) is loaded.

export type TracingEnv = Partial<Record<string, string | undefined>>;

export const DEFAULT_SERVICE_NAME = "callercheck";

const set = (value: string | undefined) => value !== undefined && value.trim() !== "";

/**
 * On when an OTLP endpoint is given (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) or
 * a trace exporter is named (OTEL_TRACES_EXPORTER other than "none"); off with OTEL_SDK_DISABLED=true
 * or OTEL_TRACES_EXPORTER=none, whatever else is set.
 */
export function tracingEnabled(env: TracingEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? "").split(",").map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (exporters.includes("none")) return false;
  return exporters.length > 0 || set(env.OTEL_EXPORTER_OTLP_ENDPOINT) || set(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export const serviceName = (env: TracingEnv) => (set(env.OTEL_SERVICE_NAME) ? env.OTEL_SERVICE_NAME!.trim() : DEFAULT_SERVICE_NAME);
