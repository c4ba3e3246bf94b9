import { PREFIX_PATTERN, prefixLookupSchema } from "@/lib/feeds/api-schema";
import { lookupByPrefix } from "@/lib/feeds/feed";
import { DATA_LICENCE } from "@/lib/feeds/rules";
import { apiRoute, errorJson, LOOKUP_CACHE, okJson } from "@/lib/platform/api";

export const dynamic = "force-dynamic";

// GET /api/v1/lookup/prefix/{5 hex} — k-anonymous lookup: the caller never sends the number or its full hash.
export const GET = apiRoute(async (_request: Request, { params }: { params: Promise<{ prefix: string }> }) => {
  const { prefix } = await params;
  if (!PREFIX_PATTERN.test(prefix)) return errorJson("INVALID", "The prefix must be the first 5 hexadecimal characters of the SHA-256 of the E.164 number.");
  const lower = prefix.toLowerCase();
  const entries = await lookupByPrefix(lower);
  return okJson(
    prefixLookupSchema,
    { licence: { name: DATA_LICENCE.name, url: DATA_LICENCE.url, attribution: DATA_LICENCE.attribution }, prefix: lower, entries },
    { "Cache-Control": LOOKUP_CACHE, "Access-Control-Allow-Origin": "*", Link: `<${DATA_LICENCE.url}>; rel="license"` },
  );
});
