import "server-only";
import { db } from "../platform/db";
import { Prisma } from "../generated/prisma/client";
import type { OrgCategory, OrgStatus, Role } from "../generated/prisma/enums";
import { rankOrganisations } from "./search-rank";
import { isModerator } from "../accounts/roles";

export type OrganisationSuggestion = {
  id: string;
  slug: string;
  name: string;
  status: OrgStatus;
  category: OrgCategory;
  country: string | null;
  domain: string | null;
};

/** Who is searching: proposals not yet reviewed are shown only to their proposer and to staff. */
export type SearchViewer = { id: string; role: Role } | null;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Lower-cased, single-spaced, bounded: what the trigram index is asked about. */
export function searchTerm(q: string): string {
  // Control characters (NUL above all, which PostgreSQL text cannot hold) become spaces.
  return q.normalize("NFKC").toLowerCase().replace(/[\s\u0000-\u001f\u007f]+/g, " ").trim().slice(0, 100);
}

/** Active organisations, plus proposals the viewer made (or all proposals for moderators and admins). */
export function visibleTo(viewer: SearchViewer): Prisma.Sql {
  if (isModerator(viewer)) return Prisma.sql`status IN ('ACTIVE', 'PROPOSED')`;
  if (viewer) return Prisma.sql`(status = 'ACTIVE' OR (status = 'PROPOSED' AND "proposedById" = ${viewer.id}))`;
  return Prisma.sql`status = 'ACTIVE'`;
}

/**
 * The fuzzy condition over name, acronym, aliases and domains (Organisation.searchText): a substring
 * (ILIKE) or a word-level trigram match (`<%`, which forgives typos). Both use the GIN trigram index.
 */
export function fuzzyMatch(term: string): Prisma.Sql {
  return Prisma.sql`("searchText" ILIKE ${`%${escapeLike(term)}%`} OR ${term} <% "searchText")`;
}

/**
 * pg_trgm's default word-similarity threshold (0.6) misses two typos in two words ("harbor helth" is
 * 0.58 from "harbour health"); 0.45 still refuses unrelated words. SET LOCAL keeps it to this transaction.
 */
export const typoTolerance = () => db.$executeRaw`SET LOCAL pg_trgm.word_similarity_threshold = 0.45`;

/**
 * A rough order for the database, so the candidates handed to the pure ranking include the best ones:
 * names starting with the text, then substrings, then closeness (an exact alias or abbreviation is a
 * whole word of the search text, so its similarity is 1), then the region and reports. `similarity`
 * names the selected column, so the costly function runs once a row.
 */
function candidateOrder(term: string, region: string | null): Prisma.Sql {
  return Prisma.sql`("searchText" ILIKE ${`${escapeLike(term)}%`}) DESC, ("searchText" ILIKE ${`%${escapeLike(term)}%`}) DESC,
    similarity DESC, coalesce(country = ${region ?? ""}, false) DESC, "reportCount" DESC, name ASC`;
}

type Candidate = Omit<OrganisationSuggestion, "domain"> & { acronym: string | null; aliases: string[]; domains: string[]; reportCount: number; similarity: number };

/**
 * Organisations matching `term` under `where`, best first by lib/organisations/search-rank.ts: at most
 * `candidates` of them are fetched and ranked.
 */
export async function rankedMatches(term: string, where: Prisma.Sql, region: string | null, candidates: number): Promise<Candidate[]> {
  const [, rows] = await db.$transaction([
    typoTolerance(),
    db.$queryRaw<(Omit<Candidate, "aliases" | "domains"> & { aliases: string[] | null; domains: string[] | null })[]>`
      SELECT id, slug, name, status, category, country, acronym, aliases, domains, "reportCount",
             word_similarity(${term}, "searchText")::float8 AS similarity
        FROM "Organisation"
       WHERE ${where} AND ${fuzzyMatch(term)}
       ORDER BY ${candidateOrder(term, region)}
       LIMIT ${candidates}`,
  ]);
  // A row created without aliases or domains holds NULL, not an empty array.
  return rankOrganisations(term, rows.map((row) => ({ ...row, aliases: row.aliases ?? [], domains: row.domains ?? [] })), region);
}

/**
 * The report form's type-ahead: by name, alias and abbreviation, ranked towards the visitor's region
 * and organisations people report. Merged organisations are never offered.
 */
export async function searchOrganisations(
  q: string,
  options: { limit?: number; viewer?: SearchViewer; region?: string | null } = {},
): Promise<OrganisationSuggestion[]> {
  const term = searchTerm(q);
  if (term.length < 2) return [];
  const limit = Math.min(Math.max(options.limit ?? 8, 1), 25);
  const ranked = await rankedMatches(term, visibleTo(options.viewer ?? null), options.region ?? null, 60);
  return ranked
    .slice(0, limit)
    .map(({ id, slug, name, status, category, country, domains }) => ({ id, slug, name, status, category, country, domain: domains[0] ?? null }));
}
