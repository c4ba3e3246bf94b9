import { afterEach, describe, expect, test, vi } from "vitest";
import { serviceName, tracingEnabled } from "./tracing-config";

describe("tracingEnabled: only the standard OTEL_* variables turn tracing on", () => {
  test.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "" }, false],
    [{ OTEL_SERVICE_NAME: "callercheck" }, false], // a name alone exports nothing
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" }, true],
    [{ OTEL_TRACES_EXPORTER: "otlp" }, true],
    [{ OTEL_TRACES_EXPORTER: "console" }, true],
    [{ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, false],
    [{ OTEL_SDK_DISABLED: "true", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, false],
    [{ OTEL_SDK_DISABLED: "false", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, true],
  ])("%j → %s", (env, expected) => {
    expect(tracingEnabled(env)).toBe(expected);
  });

  test("the service name is OTEL_SERVICE_NAME, else callercheck", () => {
    expect(serviceName({})).toBe("callercheck");
    expect(serviceName({ OTEL_SERVICE_NAME: " " })).toBe("callercheck");
    expect(serviceName({ OTEL_SERVICE_NAME: "callercheck-eu" })).toBe("callercheck-eu");
  });
});

// instrumentation.ts loads the SDK module only when tracing is configured.
const loaded = vi.hoisted(() => ({ modules: 0, starts: [] as unknown[] }));
vi.mock("./tracing", () => {
  loaded.modules++;
  return { startTracing: (env: unknown) => loaded.starts.push(env) };
});

describe("instrumentation.ts register()", () => {
  afterEach(() => vi.unstubAllEnvs());

  test("without the variables, the SDK module is never loaded and no tracer provider is registered", async () => {
    for (const name of ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_TRACES_EXPORTER", "OTEL_SDK_DISABLED"]) vi.stubEnv(name, undefined);
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    const { register } = await import("../../instrumentation");
    await register();
    expect(loaded).toEqual({ modules: 0, starts: [] });
    // @opentelemetry/api keeps its registrations on this global; nothing put one there.
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("opentelemetry.js.api.1")]).toBeUndefined();
  });

  test("with an endpoint, it loads and starts it (Node.js runtime only)", async () => {
    vi.stubEnv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318");
    const { register } = await import("../../instrumentation");
    vi.stubEnv("NEXT_RUNTIME", "edge");
    await register();
    expect(loaded.modules).toBe(0);
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    await register();
    expect(loaded.modules).toBe(1);
    expect(loaded.starts).toHaveLength(1);
  });
});
