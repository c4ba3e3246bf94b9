import { feedQuerySchema, allowlistFeedSchema, blocklistFeedSchema } from "@/lib/feeds/api-schema";
import { allowlistFeed, blocklistFeed, organisationCards } from "@/lib/feeds/feed";
import { allowlistCsv, allowlistVcard, blocklistCsv } from "@/lib/feeds/format";
import { cachedResponse } from "@/lib/feeds/http";
import { DATA_LICENCE } from "@/lib/feeds/rules";
import { apiRoute, errorJson, parseResponse } from "@/lib/platform/api";
import { env } from "@/lib/platform/env";

export const dynamic = "force-dynamic";

const FEEDS = ["allowlist.json", "allowlist.csv", "allowlist.vcf", "blocklist.json", "blocklist.csv"] as const;
type FeedName = (typeof FEEDS)[number];
const licence = { name: DATA_LICENCE.name, url: DATA_LICENCE.url, attribution: DATA_LICENCE.attribution };

// GET /api/v1/feeds/{allowlist|blocklist}.{json,csv,vcf}?since=<version>&limit=&minConfidence=
export const GET = apiRoute(async (request: Request, { params }: { params: Promise<{ feed: string }> }) => {
  const { feed } = await params;
  if (!FEEDS.includes(feed as FeedName)) return errorJson("NOT_FOUND", `No feed called ${feed.slice(0, 40)}. Feeds: ${FEEDS.join(", ")}.`);
  const query = feedQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    return errorJson("INVALID", `\`${String(issue?.path[0] ?? "query")}\`: ${issue?.message ?? "not valid"}.`);
  }
  const { since, limit, minConfidence } = query.data;
  const sinceText = since === undefined ? null : String(since);
  /** The rest of a feed cut at `limit`: the same address, asking since this answer's version. */
  const nextOf = (page: { more: boolean; version: bigint | number }) => {
    if (!page.more) return undefined;
    const url = new URL(request.url);
    url.searchParams.set("since", String(page.version));
    return `${env.APP_URL.replace(/\/$/, "")}${url.pathname}${url.search}`;
  };

  if (feed.startsWith("allowlist")) {
    const page = await allowlistFeed({ since, limit });
    if (feed === "allowlist.csv") return cachedResponse(request, allowlistCsv(page.entries), "text/csv; charset=utf-8", page.lastModified, nextOf(page));
    if (feed === "allowlist.vcf") {
      const cards = await organisationCards(page.entries);
      return cachedResponse(request, allowlistVcard(cards, { baseUrl: env.APP_URL, revision: page.lastModified }), "text/vcard; charset=utf-8", page.lastModified, nextOf(page));
    }
    const body = parseResponse(allowlistFeedSchema, {
      licence,
      version: String(page.version),
      since: sinceText,
      more: page.more,
      entries: page.entries.map((entry) => ({
        e164: entry.e164,
        sha256: entry.sha256,
        listed: entry.listed,
        version: String(entry.version),
        organisations: entry.organisations.map(({ name, slug, category, country }) => ({ name, slug, category, country })),
      })),
    });
    return cachedResponse(request, JSON.stringify(body), "application/json", page.lastModified, nextOf(page));
  }

  const page = await blocklistFeed({ since, limit, minConfidence });
  if (feed === "blocklist.csv") return cachedResponse(request, blocklistCsv(page.entries), "text/csv; charset=utf-8", page.lastModified, nextOf(page));
  const body = parseResponse(blocklistFeedSchema, {
    licence,
    version: String(page.version),
    since: sinceText,
    more: page.more,
    minConfidence,
    entries: page.entries.map((entry) => ({ ...entry, version: String(entry.version) })),
  });
  return cachedResponse(request, JSON.stringify(body), "application/json", page.lastModified, nextOf(page));
});
