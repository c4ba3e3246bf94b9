import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/lib/platform/api";
import { env } from "@/lib/platform/env";
import { getActor } from "@/lib/accounts/authz";
import { searchOrganisations } from "@/lib/organisations/search";
import { isRegion } from "@/lib/numbers/phone";
import { addressFrom, consumeLimit } from "@/lib/platform/rate-limit";

/**
 * The report form's type-ahead: `?q=harbour[&region=AU]` → up to 8 suggestions, the region's first
 * (default region when none is given). Proposals appear only to their proposer and to staff.
 */
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get("q") ?? "";
  const asked = request.nextUrl.searchParams.get("region")?.toUpperCase();
  const region = isRegion(asked) ? asked : env.DEFAULT_REGION;
  if (q.length > 100) return NextResponse.json({ organisations: [] });
  try {
    await consumeLimit("api", `typeahead:${addressFrom(request.headers)}`, "Too many searches");
    // Without a readable session the visitor is anonymous: they see fewer proposals, never more.
    const actor = await getActor().catch(() => null);
    const organisations = await searchOrganisations(q, { limit: 8, viewer: actor && { id: actor.id, role: actor.role }, region });
    // Private: a proposer sees their own proposals, so one visitor's answer is not another's.
    return NextResponse.json({ organisations }, { headers: { "Cache-Control": "private, max-age=60" } });
  } catch (error) {
    // The API's error shape and statuses: 429 with Retry-After, 503 while the database is unreachable.
    return errorResponse(error);
  }
}
