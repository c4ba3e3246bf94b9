import { NextResponse, type NextRequest } from "next/server";
import { toFailure } from "@/lib/platform/errors";
import { searchOrganisations } from "@/lib/organisations/organisation";
import { addressFrom, consumeLimit } from "@/lib/platform/rate-limit";

/** The report form's type-ahead: `?q=harbour` → up to 8 suggestions (active and proposed organisations). */
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get("q") ?? "";
  if (q.length > 100) return NextResponse.json({ organisations: [] });
  try {
    await consumeLimit("api", `typeahead:${addressFrom(request.headers)}`, "Too many searches");
    const organisations = await searchOrganisations(q, { limit: 8 });
    return NextResponse.json({ organisations }, { headers: { "Cache-Control": "private, max-age=60" } });
  } catch (error) {
    const failure = toFailure(error);
    return NextResponse.json({ error: { code: failure.code ?? "INTERNAL", message: failure.error } }, { status: failure.code === "RATE_LIMITED" ? 429 : 500 });
  }
}
