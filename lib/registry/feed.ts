import "server-only";
import { cached, cacheTags } from "../platform/data-cache";
import { db, dbRead } from "../platform/db";
import { AppError } from "../platform/errors";
import type { Prisma } from "../generated/prisma/client";
import type { EvidenceMethod, OrgCategory } from "../generated/prisma/enums";
import { retireDueNumbers } from "../representatives/publish";

// Public reads of the registry: the page, the CSV export and the incremental JSON feed.

const entrySelect = {
  id: true,
  e164: true,
  status: true,
  evidenceMethod: true,
  evidenceSource: true,
  verifiedAt: true,
  reviewAt: true,
  statusReason: true,
  statusChangedAt: true,
  verifiedBy: { select: { name: true } },
  number: { select: { country: true, type: true } },
  organisation: { select: { id: true, slug: true, name: true, category: true, country: true, officialPhone: true } },
} as const;

type EntryRow = Prisma.ClaimGetPayload<{ select: typeof entrySelect }>;

export type RegistryEntry = {
  id: string;
  e164: string;
  status: "VERIFIED" | "REVOKED" | "REJECTED" | "UNVERIFIED";
  organisation: { id: string; slug: string; name: string; category: OrgCategory; country: string | null; officialPhone: string | null };
  country: string | null;
  numberType: string;
  evidence: { method: EvidenceMethod | null; source: string | null };
  verifiedBy: string | null;
  verifiedAt: Date | null;
  reviewAt: Date | null;
  statusReason: string | null;
  changedAt: Date;
};

function toEntry(row: EntryRow): RegistryEntry {
  return {
    id: row.id,
    e164: row.e164,
    status: row.status,
    organisation: row.organisation!,
    country: row.number.country,
    numberType: row.number.type,
    evidence: { method: row.evidenceMethod, source: row.evidenceSource },
    verifiedBy: row.verifiedBy?.name ?? null,
    verifiedAt: row.verifiedAt,
    reviewAt: row.reviewAt,
    statusReason: row.status === "VERIFIED" ? null : row.statusReason,
    changedAt: row.statusChangedAt ?? row.verifiedAt ?? new Date(0),
  };
}

export type RegistryFilters = { q?: string; category?: OrgCategory; country?: string; take?: number };

/** Current entries (VERIFIED claims of organisations that are not merged away). */
/**
 * Public pages read a replica when one is configured (the registry may lag its primary by a moment);
 * `fresh` reads the primary, for moderators who must see what they just changed.
 */
export async function listRegistry(filters: RegistryFilters = {}, options: { fresh?: boolean } = {}): Promise<RegistryEntry[]> {
  await retireDueNumbers();
  const rows = await (options.fresh ? db : dbRead).claim.findMany({
    where: registryWhere(filters),
    orderBy: [{ organisation: { name: "asc" } }, { e164: "asc" }],
    take: Math.min(filters.take ?? 500, 5000),
    select: entrySelect,
  });
  return rows.map(toEntry);
}

export const REGISTRY_PAGE_SIZE = 60;

export type RegistryPage = { entries: RegistryEntry[]; total: number; nextCursor: string | null };

const pageCursor = (name: string, e164: string) => Buffer.from(JSON.stringify([name, e164])).toString("base64url");

function readPageCursor(cursor: string | undefined): { name: string; e164: string } | null {
  if (!cursor || cursor.length > 400) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    if (Array.isArray(value) && typeof value[0] === "string" && typeof value[1] === "string" && /^\+\d{4,15}$/.test(value[1]) && !/\u0000/.test(value[0])) {
      return { name: value[0], e164: value[1] };
    }
  } catch {}
  return null;
}

/**
 * One page of the registry in name order, after `cursor` (the last entry of the previous page):
 * keyset pagination, so page 500 costs what page 1 does. A cursor that is not ours starts over.
 */
/** listRegistryPage through the data cache: registry entries change only through audited actions and retirements. */
export function listCachedRegistryPage(filters: Omit<RegistryFilters, "take"> & { cursor?: string } = {}): Promise<RegistryPage> {
  return cached(`registry:${JSON.stringify([filters.q ?? "", filters.category ?? "", filters.country ?? "", filters.cursor ?? ""])}`, [cacheTags.registry], () => listRegistryPage(filters));
}

export async function listRegistryPage(filters: Omit<RegistryFilters, "take"> & { cursor?: string } = {}): Promise<RegistryPage> {
  await retireDueNumbers();
  const where = registryWhere(filters);
  const after = readPageCursor(filters.cursor);
  const paged: Prisma.ClaimWhereInput = after
    ? { AND: [where, { OR: [{ organisation: { name: { gt: after.name } } }, { organisation: { name: after.name }, e164: { gt: after.e164 } }] }] }
    : where;
  const [rows, total] = await Promise.all([
    dbRead.claim.findMany({ where: paged, orderBy: [{ organisation: { name: "asc" } }, { e164: "asc" }], take: REGISTRY_PAGE_SIZE + 1, select: entrySelect }),
    dbRead.claim.count({ where }),
  ]);
  const more = rows.length > REGISTRY_PAGE_SIZE;
  const entries = rows.slice(0, REGISTRY_PAGE_SIZE).map(toEntry);
  const last = entries.at(-1);
  return { entries, total, nextCursor: more && last ? pageCursor(last.organisation.name, last.e164) : null };
}

function registryWhere(filters: RegistryFilters): Prisma.ClaimWhereInput {
  const where: Prisma.ClaimWhereInput = { status: "VERIFIED", organisationId: { not: null } };
  const org: Prisma.OrganisationWhereInput = { status: { not: "MERGED" } };
  if (filters.category) org.category = filters.category;
  if (filters.country) where.number = { country: filters.country };
  // PostgreSQL text cannot hold NUL (or any C0 control a search box never sends): drop them.
  const q = filters.q?.replace(/[\u0000-\u001f\u007f]/g, " ").trim().toLowerCase();
  if (q) {
    const digits = q.replace(/[^\d]/g, "");
    where.OR = [
      { organisation: { searchText: { contains: q } } },
      ...(digits.length >= 3 ? [{ e164: { contains: digits.replace(/^0/, "") } }] : []),
    ];
  }
  where.organisation = org;
  return where;
}

export type FeedPage = { entries: RegistryEntry[]; nextCursor: string | null };

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9_-]{1,64})$/;

/** Only the shape encodeCursor writes: a forged one (NUL bytes, a year PostgreSQL cannot store) is a 400. */
function decodeCursor(cursor: string): { at: Date; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, "base64url").toString());
  const date = new Date(match?.[1] ?? "");
  // Before 1970 no cursor of ours points, and year 0000 is a JavaScript date PostgreSQL refuses.
  if (!match || Number.isNaN(date.getTime()) || date.getTime() < 0) throw new AppError("INVALID", "The cursor is not one this API gave out.");
  return { at: date, id: match[2] };
}

/**
 * Entries added, changed or revoked at or after `since`, oldest change first, so a client can keep
 * a copy in sync by remembering the last change it saw. Claims that were never in the registry
 * (rejected while unverified) are not entries and do not appear.
 */
export async function registryFeed(options: { since?: Date; cursor?: string; limit?: number }): Promise<FeedPage> {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
  // Published numbers past their retirement date become REVOKED first, so the feed reports the change.
  await retireDueNumbers();
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const where: Prisma.ClaimWhereInput = {
    verifiedAt: { not: null },
    organisationId: { not: null },
    // A `since` before 1970 asks for everything (and year 0000, which the ISO format allows, is not a PostgreSQL date).
    statusChangedAt: { gte: options.since && options.since.getTime() > 0 ? options.since : new Date(0) },
    ...(after ? { OR: [{ statusChangedAt: { gt: after.at } }, { statusChangedAt: after.at, id: { gt: after.id } }] } : {}),
  };
  const rows = await dbRead.claim.findMany({ where, orderBy: [{ statusChangedAt: "asc" }, { id: "asc" }], take: limit + 1, select: entrySelect });
  const more = rows.length > limit;
  const page = (more ? rows.slice(0, limit) : rows).map(toEntry);
  const last = page[page.length - 1];
  return { entries: page, nextCursor: more && last ? encodeCursor(last.changedAt, last.id) : null };
}

