import { env } from "@/lib/platform/env";
import { listSitemapFilesCached, sitemapFileName } from "@/lib/numbers/sitemap";
import { sitemapIndexXml } from "@/lib/numbers/sitemap-xml";

export const dynamic = "force-dynamic";

/** The sitemap index: the fixed pages' file, then one file per 10,000 numbers or organisations. */
export async function GET(): Promise<Response> {
  const files = await listSitemapFilesCached();
  const url = (path: string) => new URL(path, env.APP_URL).toString();
  const body = sitemapIndexXml([url("/sitemaps/pages.xml"), ...files.map((file) => url(`/sitemaps/${sitemapFileName(file)}`))]);
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600, s-maxage=3600" } });
}
