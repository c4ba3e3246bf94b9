import { listRegistry } from "@/lib/registry/feed";
import { registryCsv } from "@/lib/registry/csv";

export const dynamic = "force-dynamic";

/** The current registry as CSV (RFC 4180; cells that a spreadsheet would run as formulas are defused). */
export async function GET() {
  const body = registryCsv(await listRegistry({ take: 5000 }));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="callercheck-registry.csv"',
      "Cache-Control": "public, max-age=60",
    },
  });
}
