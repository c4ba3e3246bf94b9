// Liveness: the process is up and answering. It never touches the database, so an orchestrator does
// not restart healthy instances during a database outage (that is what /api/ready reports).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
