import { apiRoute, LOOKUP_CACHE, okJson } from "@/lib/platform/api";
import { numberLookupSchema } from "@/lib/numbers/api-schema";
import { lookupNumber } from "@/lib/numbers/lookup";

export const dynamic = "force-dynamic";

// GET /api/v1/numbers/{number}?region=AU — any spelling of a number; a "+" number ignores region.
export const GET = apiRoute(async (request: Request, { params }: { params: Promise<{ number: string }> }) => {
  const { number } = await params;
  const region = new URL(request.url).searchParams.get("region");
  const lookup = await lookupNumber({ number: safeDecode(number), region });
  return okJson(numberLookupSchema, lookup, { "Cache-Control": LOOKUP_CACHE, "Access-Control-Allow-Origin": "*" });
});

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
