import { readiness } from "@/lib/platform/health";

// Readiness: the database answers and every migration this build ships is applied. A load balancer
// sends traffic only to instances answering 200 (scripts/server.mjs answers 503 while draining).
export const dynamic = "force-dynamic";

export async function GET() {
  const result = await readiness();
  const headers = { "Cache-Control": "no-store", ...(result.ready ? {} : { "Retry-After": "5" }) };
  return Response.json(result.ready ? { status: "ready" } : { status: "not-ready", ...result }, { status: result.ready ? 200 : 503, headers });
}
