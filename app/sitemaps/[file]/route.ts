import { env } from "@/lib/platform/env";
import { listSitemapUrls, parseSitemapFileName } from "@/lib/numbers/sitemap";
import { urlSetXml } from "@/lib/numbers/sitemap-xml";

export const dynamic = "force-dynamic";

const HEADERS = { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600, s-maxage=3600" };

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file: name } = await params;
  const url = (path: string) => new URL(path, env.APP_URL).toString();
  if (name === "pages.xml") {
    return new Response(urlSetXml(["/", "/organisations", "/registry", "/safe-calling", "/about"].map((path) => ({ loc: url(path) }))), { headers: HEADERS });
  }
  const file = parseSitemapFileName(name);
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const urls = await listSitemapUrls(file);
  return new Response(urlSetXml(urls.map((entry) => ({ loc: url(entry.path), lastModified: entry.lastModified }))), { headers: HEADERS });
}
