import { apiRoute, errorJson, okJson } from "@/lib/platform/api";
import { registryFeedQuerySchema, registryFeedSchema, type RegistryFeedBody } from "@/lib/registry/api-schema";
import { etagFor, etagMatches } from "@/lib/platform/etag";
import { registryFeed } from "@/lib/registry/feed";

export const dynamic = "force-dynamic";

// GET /api/v1/registry?since=<ISO time>&cursor=&limit= — entries added, changed or revoked since then.
export const GET = apiRoute(async (request: Request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = registryFeedQuerySchema.safeParse(params);
  if (!query.success) {
    const issue = query.error.issues[0];
    const field = issue?.path[0] ?? "query";
    return errorJson("INVALID", field === "since" ? "`since` must be an ISO 8601 time such as 2026-01-31T00:00:00Z." : `\`${String(field)}\`: ${issue?.message ?? "not valid"}.`);
  }
  const page = await registryFeed(query.data);
  const body: RegistryFeedBody = {
    entries: page.entries.map((entry) => ({
      id: entry.id,
      e164: entry.e164,
      status: entry.status === "UNVERIFIED" ? "REVOKED" : entry.status,
      organisation: {
        name: entry.organisation.name,
        slug: entry.organisation.slug,
        category: entry.organisation.category,
        country: entry.organisation.country,
        officialPhone: entry.organisation.officialPhone,
      },
      country: entry.country,
      evidence: entry.evidence,
      verifiedBy: entry.verifiedBy,
      verifiedAt: entry.verifiedAt?.toISOString() ?? null,
      reviewAt: entry.reviewAt?.toISOString() ?? null,
      statusReason: entry.statusReason,
      changedAt: entry.changedAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
  const etag = etagFor(JSON.stringify(body));
  const headers = { ETag: etag, "Cache-Control": "public, max-age=0, must-revalidate", "Access-Control-Allow-Origin": "*" };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return okJson(registryFeedSchema, body, headers);
});
