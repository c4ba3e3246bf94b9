import { apiRoute, LOOKUP_CACHE, okJson } from "@/lib/platform/api";
import { numberLookupSchema } from "@/lib/numbers/api-schema";
import { lookupNumber } from "@/lib/numbers/lookup";
import { askedRegion, decodeNumberSegment } from "@/lib/numbers/url";

export const dynamic = "force-dynamic";

// GET /api/v1/numbers/{number}?region=AU — any spelling of a number; a "+" number ignores region.
export const GET = apiRoute(async (request: Request, { params }: { params: Promise<{ number: string }> }) => {
  const { number } = await params;
  const region = askedRegion(new URL(request.url).searchParams.getAll("region"));
  const lookup = await lookupNumber({ number: decodeNumberSegment(number), region });
  return okJson(numberLookupSchema, lookup, { "Cache-Control": LOOKUP_CACHE, "Access-Control-Allow-Origin": "*" });
});
