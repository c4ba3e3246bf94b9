// Pure ranking of organisation search results: no database, so the order people see is unit-tested.
//
// Score = how the text matches (an exact name, alias or abbreviation beats a name that starts with the
// text, which beats an alias that starts with it, then a word inside the name, then any substring, then
// typo-tolerant similarity) + a bonus for the visitor's region + a small bonus for organisations people
// report. An exact alias sits just below an exact name and above every prefix: someone who types "ATO"
// or "tax office" means the Australian Taxation Office, not "ATO entry point for government dept".

export type RankCandidate = {
  name: string;
  acronym: string | null;
  aliases: string[];
  domains: string[];
  country: string | null;
  reportCount: number;
  /** pg_trgm word_similarity of the text to the organisation's search text, 0–1. */
  similarity: number;
};

export const MATCH = {
  exactName: 100,
  exactAlias: 95,
  namePrefix: 80,
  aliasPrefix: 70,
  nameWord: 60,
  aliasWord: 50,
  substring: 40,
  /** Similarity (0–1) is scaled to at most this. */
  similar: 35,
} as const;

export const REGION_BONUS = 12;
export const MAX_REPORT_BONUS = 8;

/** Lower-cased words without punctuation: "St.George" and "st george" compare equal. */
export function normaliseForMatch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const startsWithWord = (text: string, term: string) => text === term || text.startsWith(`${term} `) || (text.startsWith(term) && !term.includes(" ") && term.length >= 3);
const hasWordStartingWith = (text: string, term: string) => ` ${text}`.includes(` ${term}`);

/** How well `term` matches the organisation's name, acronym, aliases and domains (see MATCH). */
export function matchScore(term: string, org: Pick<RankCandidate, "name" | "acronym" | "aliases" | "domains" | "similarity">): number {
  const t = normaliseForMatch(term);
  if (!t) return 0;
  const name = normaliseForMatch(org.name);
  const aliases = [org.acronym, ...org.aliases].filter((a): a is string => Boolean(a)).map(normaliseForMatch).filter(Boolean);
  const domains = org.domains.map((d) => d.toLowerCase());
  const raw = term.trim().toLowerCase();
  if (name === t) return MATCH.exactName;
  if (aliases.includes(t) || domains.includes(raw) || domains.includes(`${raw.replace(/^www\./, "")}`)) return MATCH.exactAlias;
  if (startsWithWord(name, t)) return MATCH.namePrefix;
  if (aliases.some((alias) => startsWithWord(alias, t)) || domains.some((d) => d.startsWith(raw))) return MATCH.aliasPrefix;
  if (hasWordStartingWith(name, t)) return MATCH.nameWord;
  if (aliases.some((alias) => hasWordStartingWith(alias, t))) return MATCH.aliasWord;
  if ([name, ...aliases, ...domains].some((text) => text.includes(t))) return MATCH.substring;
  return Math.max(0, Math.min(1, org.similarity)) * MATCH.similar;
}

/** Up to MAX_REPORT_BONUS, growing with the logarithm of reports: 10 reports ≈ 3, 1,000 ≈ 8. */
export function reportBonus(reportCount: number): number {
  return Math.min(MAX_REPORT_BONUS, Math.log10(1 + Math.max(0, reportCount)) * 2.7);
}

export function rankScore(term: string, org: RankCandidate, region: string | null): number {
  const regional = region && org.country === region ? REGION_BONUS : 0;
  return matchScore(term, org) + regional + reportBonus(org.reportCount);
}

/** Best first; ties by name so the order is stable. */
export function rankOrganisations<T extends RankCandidate>(term: string, candidates: T[], region: string | null): T[] {
  return candidates
    .map((org) => ({ org, score: rankScore(term, org, region) }))
    .sort((a, b) => b.score - a.score || a.org.name.localeCompare(b.org.name))
    .map(({ org }) => org);
}
