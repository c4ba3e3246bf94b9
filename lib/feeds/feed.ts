import "server-only";
import { db } from "../platform/db";
import type { OrgCategory, ReportCategory } from "../generated/prisma/enums";
import { currentVersion } from "./listing";

// Reads of ListedNumber for the allow-list, the blocklist and the private lookup.

export type FeedOrganisation = { id: string; name: string; slug: string; category: OrgCategory; country: string | null; website: string | null };

export type AllowlistEntry = { e164: string; sha256: string; listed: boolean; version: bigint; organisations: FeedOrganisation[] };
export type BlocklistEntry = { e164: string; sha256: string; listed: boolean; version: bigint; category: ReportCategory | null; confidence: number };

export type FeedPage<E> = {
  entries: E[];
  /** The version to ask `since` next time: the last entry's when there is more, else the current one. */
  version: bigint;
  more: boolean;
  lastModified: Date;
};

type Options = { since?: bigint; limit: number };

async function lastModified(): Promise<Date> {
  const row = await db.listedNumber.aggregate({ _max: { updatedAt: true } });
  return row._max.updatedAt ?? new Date(0);
}

function page<E extends { version: bigint }>(rows: E[], limit: number, version: bigint, modified: Date): FeedPage<E> {
  const more = rows.length > limit;
  const entries = more ? rows.slice(0, limit) : rows;
  return { entries, more, version: more ? entries[entries.length - 1]!.version : version, lastModified: modified };
}

/**
 * Without `since`: every allow-listed number. With it: every number whose allow-list entry changed
 * after that version, removals (listed: false) included, oldest change first.
 */
export async function allowlistFeed({ since, limit }: Options): Promise<FeedPage<AllowlistEntry>> {
  // The version is read first: a change committed meanwhile has a higher one and comes again next time.
  const [version, modified] = await Promise.all([currentVersion(), lastModified()]);
  const rows = await db.listedNumber.findMany({
    where: since === undefined ? { allowed: true, allowVersion: { not: null, lte: version } } : { allowVersion: { gt: since, lte: version } },
    orderBy: { allowVersion: "asc" },
    take: limit + 1,
    select: { e164: true, sha256: true, allowed: true, allowVersion: true, organisationIds: true },
  });
  const ids = [...new Set(rows.flatMap((row) => row.organisationIds))];
  const organisations = new Map(
    (await db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true, category: true, country: true, website: true } })).map((o) => [o.id, o]),
  );
  const entries = rows.map((row) => ({
    e164: row.e164,
    sha256: row.sha256,
    listed: row.allowed,
    version: row.allowVersion!,
    organisations: row.organisationIds.flatMap((id) => organisations.get(id) ?? []),
  }));
  return page(entries, limit, version, modified);
}

/** As allowlistFeed, for the blocklist; a number below minConfidence reads as not listed. */
export async function blocklistFeed({ since, limit, minConfidence }: Options & { minConfidence: number }): Promise<FeedPage<BlocklistEntry>> {
  const [version, modified] = await Promise.all([currentVersion(), lastModified()]);
  const rows = await db.listedNumber.findMany({
    where:
      since === undefined
        ? { blocked: true, confidence: { gte: minConfidence }, blockVersion: { not: null, lte: version } }
        : { blockVersion: { gt: since, lte: version } },
    orderBy: { blockVersion: "asc" },
    take: limit + 1,
    select: { e164: true, sha256: true, blocked: true, blockVersion: true, category: true, confidence: true },
  });
  const entries = rows.map((row) => {
    const listed = row.blocked && row.confidence >= minConfidence;
    return { e164: row.e164, sha256: row.sha256, listed, version: row.blockVersion!, category: listed ? row.category : null, confidence: listed ? row.confidence : 0 };
  });
  return page(entries, limit, version, modified);
}

export type PrefixEntry = {
  sha256: string;
  list: "allow" | "block";
  verdict: string;
  category: ReportCategory | null;
  confidence: number | null;
  organisations: string[];
};

/** Every listed number whose hash starts with `prefix` (five lower-case hex characters): one index scan. */
export async function lookupByPrefix(prefix: string): Promise<PrefixEntry[]> {
  const rows = await db.listedNumber.findMany({
    where: { hashPrefix: prefix, OR: [{ allowed: true }, { blocked: true }] },
    orderBy: { sha256: "asc" },
    select: { sha256: true, verdict: true, allowed: true, blocked: true, category: true, confidence: true, organisationIds: true },
  });
  const ids = [...new Set(rows.flatMap((row) => row.organisationIds))];
  const names = new Map((await db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  return rows.map((row) => ({
    sha256: row.sha256,
    list: row.allowed ? "allow" : "block",
    verdict: row.verdict,
    category: row.allowed ? null : row.category,
    confidence: row.allowed ? null : row.confidence,
    organisations: row.allowed ? row.organisationIds.flatMap((id) => names.get(id) ?? []) : [],
  }));
}

/** The organisations a page of allow-list changes touched, each with all its numbers now listed. */
export async function organisationCards(entries: AllowlistEntry[]): Promise<{ organisation: FeedOrganisation; numbers: string[] }[]> {
  const ids = [...new Set(entries.flatMap((entry) => entry.organisations.map((o) => o.id)))];
  if (!ids.length) return [];
  const [organisations, listed] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" }, select: { id: true, name: true, slug: true, category: true, country: true, website: true } }),
    db.listedNumber.findMany({ where: { allowed: true, organisationIds: { hasSome: ids } }, orderBy: { e164: "asc" }, select: { e164: true, organisationIds: true } }),
  ]);
  return organisations.map((organisation) => ({ organisation, numbers: listed.filter((row) => row.organisationIds.includes(organisation.id)).map((row) => row.e164) }));
}
