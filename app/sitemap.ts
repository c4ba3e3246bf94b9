import type { MetadataRoute } from "next";
import { env } from "@/lib/platform/env";
import { listSitemapEntries } from "@/lib/numbers/page";

export const dynamic = "force-dynamic";

// Numbers with at least two reports (one report is too thin, and may be a private person) and every
// active organisation; at most 50,000 URLs, a sitemap's limit.
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { numbers, organisations } = await listSitemapEntries(50_000);
  const url = (path: string) => new URL(path, env.APP_URL).toString();
  const fixed: MetadataRoute.Sitemap = [
    { url: url("/"), changeFrequency: "hourly", priority: 1 },
    { url: url("/organisations"), changeFrequency: "daily", priority: 0.6 },
    { url: url("/registry"), changeFrequency: "daily", priority: 0.6 },
  ];
  const room = 50_000 - fixed.length;
  const numberEntries: MetadataRoute.Sitemap = numbers.slice(0, room).map((number) => ({
    url: url(`/numbers/${number.e164}`),
    lastModified: number.lastReportedAt ?? undefined,
    changeFrequency: "daily",
    priority: 0.8,
  }));
  const organisationEntries: MetadataRoute.Sitemap = organisations.slice(0, Math.max(0, room - numberEntries.length)).map((organisation) => ({
    url: url(`/organisations/${organisation.slug}`),
    lastModified: organisation.updatedAt,
    changeFrequency: "weekly",
    priority: 0.5,
  }));
  return [...fixed, ...numberEntries, ...organisationEntries];
}
