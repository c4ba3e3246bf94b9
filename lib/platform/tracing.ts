// OpenTelemetry tracing, loaded by instrumentation.ts only when lib/platform/tracing-config.ts says it is
// configured. Everything else comes from the standard OTEL_* variables, read by the SDK itself: the
// endpoint and protocol (OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf by default, http/json, grpc),
// headers, sampler, batch delays. Spans: Next's own (it traces through the registered provider), incoming
// and outgoing HTTP, and PostgreSQL queries (pg, under Prisma's driver adapter). Traces only: metrics and
// logs exporters stay off unless their own variables ask for them.
import { createRequire } from "node:module";
import path from "node:path";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { serviceName, type TracingEnv } from "./tracing-config";

// scripts/server.mjs calls this before exiting, so the spans still buffered are sent.
const SHUTDOWN = Symbol.for("callercheck.shutdownTracing");

export function startTracing(env: TracingEnv = process.env): void {
  process.env.OTEL_METRICS_EXPORTER ??= "none";
  process.env.OTEL_LOGS_EXPORTER ??= "none";
  const sdk = new NodeSDK({
    serviceName: serviceName(env),
    instrumentations: [
      // Static assets and health probes would drown the traces that matter.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(?:_next\/static\/|api\/health\b|favicon\.ico)/.test(req.url ?? "") }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  // The instrumentations patch a module when it is required after start(); scripts/server.mjs had
  // loaded node:http (and created its server) before Next called register(). Requiring it again
  // lets the HTTP instrumentation patch Server.prototype.emit, which that server uses too.
  const load = createRequire(path.join(process.cwd(), "instrumentation.js"));
  load("node:http");
  load("node:https");
  (globalThis as Record<symbol, unknown>)[SHUTDOWN] = () => sdk.shutdown();
}
