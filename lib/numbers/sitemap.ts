import "server-only";
import { cached, cacheTags } from "../platform/data-cache";
import { db } from "../platform/db";

// The sitemap as an index over files of at most SITEMAP_FILE_SIZE URLs, each one indexed range read:
// numbers with at least two reports (one report is too thin, and may be a private person) in E.164
// order, then active organisations in slug order. A file is named by the range it covers, (after, until],
// so producing file 90 costs what file 1 does, and a file read later than its index still lists every key in
// its range: a number that joined meanwhile is in exactly one file, never between two.

export const SITEMAP_FILE_SIZE = 10_000;
/**
 * Keys per file when the index is made: below SITEMAP_FILE_SIZE, so each range may gain this many keys while the
 * index is held (SITEMAP_INDEX_LIFETIME_MS) and its file still lists all of them.
 */
export const SITEMAP_FILE_STEP = 9_000;

/** A file's range: keys after `after` ("" for the first) up to `until` inclusive (null: to the end). */
export type SitemapFile = { kind: "numbers" | "organisations"; after: string; until: string | null };
export type SitemapUrl = { path: string; lastModified: Date | null };

const NUMBER_WHERE = `"reportCount" >= 2 AND "contentHiddenAt" IS NULL`;

/** Where each file starts: every SITEMAP_FILE_STEP-th key, in one index scan per kind; each ends where the next starts. */
export async function listSitemapFiles(): Promise<SitemapFile[]> {
  const [numbers, organisations] = await Promise.all([
    db.$queryRawUnsafe<{ after: string | null }[]>(
      `SELECT lag_key AS after FROM (
         SELECT e164, row_number() OVER (ORDER BY e164) AS n, lag(e164) OVER (ORDER BY e164) AS lag_key FROM "PhoneNumber" WHERE ${NUMBER_WHERE}
       ) t WHERE (n - 1) % ${SITEMAP_FILE_STEP} = 0 ORDER BY n`,
    ),
    db.$queryRawUnsafe<{ after: string | null }[]>(
      `SELECT lag_key AS after FROM (
         SELECT slug, row_number() OVER (ORDER BY slug) AS n, lag(slug) OVER (ORDER BY slug) AS lag_key FROM "Organisation" WHERE status = 'ACTIVE'
       ) t WHERE (n - 1) % ${SITEMAP_FILE_STEP} = 0 ORDER BY n`,
    ),
  ]);
  const ranges = (kind: SitemapFile["kind"], starts: { after: string | null }[]): SitemapFile[] =>
    starts.map((row, i) => ({ kind, after: row.after ?? "", until: starts[i + 1]?.after ?? null }));
  return [...ranges("numbers", numbers), ...ranges("organisations", organisations)];
}

/** How long the index's file boundaries are kept: as long as a CDN may hold the index (its Cache-Control). */
export const SITEMAP_INDEX_LIFETIME_MS = 3_600_000;

/**
 * The index's ranges through the data cache for an hour: finding them scans every listed number (2 s at a million
 * reports). An hour-old index still covers every key, since its files' ranges leave no gaps; each file is read live
 * and holds at most SITEMAP_FILE_SIZE URLs (a range that gained more than SITEMAP_FILE_SIZE − SITEMAP_FILE_STEP keys
 * within the hour lists its first SITEMAP_FILE_SIZE until the index is made again). Dropped by every audited change.
 */
export function listSitemapFilesCached(): Promise<SitemapFile[]> {
  return cached("sitemap-files", [cacheTags.sitemap], listSitemapFiles, { lifetimeMs: SITEMAP_INDEX_LIFETIME_MS });
}

/** One file: up to SITEMAP_FILE_SIZE URLs of its range, (after, until]. */
export async function listSitemapUrls(file: SitemapFile): Promise<SitemapUrl[]> {
  if (file.kind === "numbers") {
    const rows = await db.$queryRawUnsafe<{ e164: string; lastReportedAt: Date | null }[]>(
      `SELECT e164, "lastReportedAt" FROM "PhoneNumber" WHERE ${NUMBER_WHERE} AND e164 > $1 AND ($2::text IS NULL OR e164 <= $2)
        ORDER BY e164 LIMIT ${SITEMAP_FILE_SIZE}`,
      file.after,
      file.until,
    );
    return rows.map((row) => ({ path: `/numbers/${row.e164}`, lastModified: row.lastReportedAt }));
  }
  const rows = await db.organisation.findMany({
    where: { status: "ACTIVE", slug: { gt: file.after, ...(file.until === null ? {} : { lte: file.until }) } },
    orderBy: { slug: "asc" },
    take: SITEMAP_FILE_SIZE,
    select: { slug: true, updatedAt: true },
  });
  return rows.map((row) => ({ path: `/organisations/${row.slug}`, lastModified: row.updatedAt }));
}

/** File names in the index: /sitemaps/numbers-<after>~<until>.xml (the last without ~<until>), keys percent-encoded. */
export function sitemapFileName(file: SitemapFile): string {
  const until = file.until === null ? "" : `~${encodeURIComponent(file.until)}`;
  return `${file.kind}-${encodeURIComponent(file.after || "start")}${until}.xml`;
}

export function parseSitemapFileName(name: string): SitemapFile | null {
  // "~" is never in a key (E.164 numbers and slugs), so it separates the two ends.
  const match = /^(numbers|organisations)-([^~]{1,200})(?:~([^~]{1,200}))?\.xml$/.exec(name);
  if (!match) return null;
  let after: string;
  let until: string | null;
  try {
    after = decodeURIComponent(match[2]);
    until = match[3] === undefined ? null : decodeURIComponent(match[3]);
  } catch {
    return null;
  }
  if (after === "start") after = "";
  if (/[\u0000-\u001f]/.test(after + (until ?? ""))) return null;
  return { kind: match[1] as SitemapFile["kind"], after, until };
}
