import { readiness } from "@/lib/platform/health";

// Readiness: the database answers and every migration this build ships is applied. A load balancer
// sends traffic only to instances answering 200 (scripts/server.mjs answers 503 while draining).
export const dynamic = "force-dynamic";

export async function GET() {
  const result = await readiness();
  const headers = { "Cache-Control": "no-store", ...(result.ready ? {} : { "Retry-After": "5" }) };
  // Degraded (a replica unreachable, its reads on the primary) is still ready: every instance shares the replica, so
  // taking them all out of the load balancer would turn a slower primary into an outage.
  const body = result.ready ? { status: "ready", ...(result.degraded ? { degraded: result.degraded } : {}) } : { status: "not-ready", ...result };
  return Response.json(body, { status: result.ready ? 200 : 503, headers });
}
