import http from "node:http";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ownLoopbackAddress, rawGet, startInstance } from "./instances";

type Attribute = { key: string; value: { stringValue?: string; intValue?: number | string } };
type Span = { traceId: string; spanId: string; name: string; kind: number; attributes?: Attribute[] };
type Export = { resourceSpans: Array<{ resource: { attributes: Attribute[] }; scopeSpans: Array<{ scope: { name: string }; spans: Span[] }> }> };

/** A tiny OTLP/HTTP receiver (JSON protocol): keeps every export POSTed to /v1/traces. */
async function otlpReceiver() {
  const exports: Export[] = [];
  const others: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/v1/traces" && String(req.headers["content-type"]).startsWith("application/json")) exports.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      else others.push(`${req.method} ${req.url} ${req.headers["content-type"]}`);
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const spans = () =>
    exports.flatMap((e) =>
      e.resourceSpans.flatMap((rs) => {
        const service = rs.resource.attributes.find((a) => a.key === "service.name")?.value.stringValue;
        return rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ ...span, service, scope: ss.scope.name })));
      }),
    );
  return { url, exports, others, spans, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const attribute = (span: Span, key: string) => span.attributes?.find((a) => a.key === key)?.value.stringValue;

for (const [title, env, service] of [
  ["OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME", (url: string, name: string) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_SERVICE_NAME: name }), `callercheck-e2e-${randomUUID().slice(0, 8)}`],
  ["only OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (service name by default)", (url: string) => ({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${url}/v1/traces` }), "callercheck"],
] as const) {
  test(`with ${title}, a production instance exports its request's spans over OTLP: HTTP, Next's own and PostgreSQL's, one trace, its id on the log line`, async () => {
    test.setTimeout(120_000);
    const receiver = await otlpReceiver();
    const instance = await startInstance({ ...env(receiver.url, service), OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_BSP_SCHEDULE_DELAY: "100" });
    try {
      const path = "/numbers/+61491570156";
      const response = await rawGet(`${instance.baseUrl}${path}`, { from: ownLoopbackAddress() });
      expect(response.status).toBe(200);
      const requestId = response.headers["x-request-id"];
      const line = await instance.waitForLog((l) => l.msg === "request" && l.requestId === requestId);
      expect(line.trace_id).toMatch(/^[0-9a-f]{32}$/);

      // The spans of that request's trace, once exported (the batch processor sends them shortly).
      const traceSpans = () => receiver.spans().filter((span) => span.traceId === line.trace_id);
      // The HTTP server span is the trace's root and ends last, with the response.
      const isServer = (span: Span & { scope: string }) => span.scope.includes("instrumentation-http") && span.kind === 2;
      await expect.poll(() => traceSpans().some(isServer), { timeout: 20_000 }).toBe(true);
      const spans = traceSpans();
      expect(new Set(spans.map((span) => span.service))).toEqual(new Set([service]));
      const server = spans.find(isServer)!;
      expect(server.spanId).toBe(line.span_id);
      expect(attribute(server, "http.target") ?? attribute(server, "url.path")).toBe(path);
      expect(spans.some((span) => span.scope === "next.js")).toBe(true);
      expect(spans.find((span) => span.scope.includes("instrumentation-pg"))?.attributes?.some((a) => a.key === "db.system" || a.key === "db.system.name")).toBe(true);
      expect(receiver.others).toEqual([]); // traces only: no metrics or logs exports
    } finally {
      await instance.stop();
      await receiver.close();
    }
  });
}
