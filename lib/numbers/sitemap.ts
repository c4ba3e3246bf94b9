import "server-only";
import { cached, cacheTags } from "../platform/data-cache";
import { db } from "../platform/db";

// The sitemap as an index over files of at most SITEMAP_FILE_SIZE URLs, each one indexed range read:
// numbers with at least two reports (one report is too thin, and may be a private person) in E.164
// order, then active organisations in slug order. A file is named by where it starts, so producing
// file 90 costs what file 1 does.

export const SITEMAP_FILE_SIZE = 10_000;

export type SitemapFile = { kind: "numbers" | "organisations"; after: string };
export type SitemapUrl = { path: string; lastModified: Date | null };

const NUMBER_WHERE = `"reportCount" >= 2 AND "contentHiddenAt" IS NULL`;

/** Where each file starts: every SITEMAP_FILE_SIZE-th key, in one index scan per kind. */
export async function listSitemapFiles(): Promise<SitemapFile[]> {
  const [numbers, organisations] = await Promise.all([
    db.$queryRawUnsafe<{ after: string }[]>(
      `SELECT lag_key AS after FROM (
         SELECT e164, row_number() OVER (ORDER BY e164) AS n, lag(e164) OVER (ORDER BY e164) AS lag_key FROM "PhoneNumber" WHERE ${NUMBER_WHERE}
       ) t WHERE (n - 1) % ${SITEMAP_FILE_SIZE} = 0 ORDER BY n`,
    ),
    db.$queryRawUnsafe<{ after: string }[]>(
      `SELECT lag_key AS after FROM (
         SELECT slug, row_number() OVER (ORDER BY slug) AS n, lag(slug) OVER (ORDER BY slug) AS lag_key FROM "Organisation" WHERE status = 'ACTIVE'
       ) t WHERE (n - 1) % ${SITEMAP_FILE_SIZE} = 0 ORDER BY n`,
    ),
  ]);
  return [
    ...numbers.map((row) => ({ kind: "numbers" as const, after: row.after ?? "" })),
    ...organisations.map((row) => ({ kind: "organisations" as const, after: row.after ?? "" })),
  ];
}

/** How long the index's file boundaries are kept: as long as a CDN may hold the index (its Cache-Control). */
export const SITEMAP_INDEX_LIFETIME_MS = 3_600_000;

/**
 * The index's boundaries through the data cache for an hour: finding them scans every listed number
 * (2 s at a million reports), and an hour-old boundary only moves where a file starts — every file is
 * still read live and holds at most SITEMAP_FILE_SIZE URLs. Dropped by every audited change.
 */
export function listSitemapFilesCached(): Promise<SitemapFile[]> {
  return cached("sitemap-files", [cacheTags.sitemap], listSitemapFiles, { lifetimeMs: SITEMAP_INDEX_LIFETIME_MS });
}

/** One file: up to SITEMAP_FILE_SIZE URLs after `after` (exclusive; "" for the first). */
export async function listSitemapUrls(file: SitemapFile): Promise<SitemapUrl[]> {
  if (file.kind === "numbers") {
    const rows = await db.$queryRawUnsafe<{ e164: string; lastReportedAt: Date | null }[]>(
      `SELECT e164, "lastReportedAt" FROM "PhoneNumber" WHERE ${NUMBER_WHERE} AND e164 > $1 ORDER BY e164 LIMIT ${SITEMAP_FILE_SIZE}`,
      file.after,
    );
    return rows.map((row) => ({ path: `/numbers/${row.e164}`, lastModified: row.lastReportedAt }));
  }
  const rows = await db.organisation.findMany({
    where: { status: "ACTIVE", slug: { gt: file.after } },
    orderBy: { slug: "asc" },
    take: SITEMAP_FILE_SIZE,
    select: { slug: true, updatedAt: true },
  });
  return rows.map((row) => ({ path: `/organisations/${row.slug}`, lastModified: row.updatedAt }));
}

/** File names in the index: /sitemaps/numbers-<after>.xml, with the key percent-encoded. */
export function sitemapFileName(file: SitemapFile): string {
  return `${file.kind}-${encodeURIComponent(file.after || "start")}.xml`;
}

export function parseSitemapFileName(name: string): SitemapFile | null {
  const match = /^(numbers|organisations)-(.{1,200})\.xml$/.exec(name);
  if (!match) return null;
  let after: string;
  try {
    after = decodeURIComponent(match[2]);
  } catch {
    return null;
  }
  if (after === "start") after = "";
  if (/[\u0000-\u001f]/.test(after)) return null;
  return { kind: match[1] as SitemapFile["kind"], after };
}
