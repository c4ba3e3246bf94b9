// Pure rules for what the open feeds list: which verdicts block, the category and confidence they
// carry, and the number hashes the private lookup uses. No database.
import { createHash } from "node:crypto";
import type { ReportCategory } from "../generated/prisma/enums";
import { BAD_CATEGORIES, NUISANCE_CATEGORIES, THRESHOLDS, type Verdict } from "../trust/rules";

/** Data licence of the registry, the blocklist and the lookup answers (stated on /about and in every feed). */
export const DATA_LICENCE = {
  name: "CC BY 4.0",
  url: "https://creativecommons.org/licenses/by/4.0/",
  attribution: "CallerCheck contributors",
  statement: "CallerCheck registry and blocklist data by CallerCheck contributors, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).",
} as const;

/** Lower-case hex SHA-256 of the E.164 string (UTF-8), as clients compute it. */
export const numberHash = (e164: string) => createHash("sha256").update(e164, "utf8").digest("hex");

export const HASH_PREFIX_LENGTH = 5;
export const hashPrefixOf = (hash: string) => hash.slice(0, HASH_PREFIX_LENGTH);

export type Listing = {
  verdict: Verdict["kind"];
  allowed: boolean;
  blocked: boolean;
  category: ReportCategory | null;
  confidence: number;
};

/**
 * A number is blocked when its verdict is "likely scam" or an impersonation warning, backed by at least
 * the verdict's minimum evidence. Confidence is the 95% lower bound of the share saying "not legitimate"
 * (two decimals); category is the most reported bad category, else the most reported nuisance one.
 */
export function listingFor(verdict: Verdict, reportersByCategory: Partial<Record<ReportCategory, number>>): Listing {
  const allowed = verdict.kind === "VERIFIED";
  const blocked = (verdict.kind === "LIKELY_SCAM" || verdict.kind === "IMPERSONATION") && verdict.evidence >= THRESHOLDS.verdict.minEvidence;
  if (!blocked) return { verdict: verdict.kind, allowed, blocked, category: null, confidence: 0 };
  const top = (categories: readonly ReportCategory[]) =>
    [...categories].sort((a, b) => (reportersByCategory[b] ?? 0) - (reportersByCategory[a] ?? 0)).find((c) => (reportersByCategory[c] ?? 0) > 0) ?? null;
  const category = verdict.kind === "IMPERSONATION" ? "IMPERSONATION" : (top(BAD_CATEGORIES as ReportCategory[]) ?? top(NUISANCE_CATEGORIES as ReportCategory[]) ?? "SCAM");
  return { verdict: verdict.kind, allowed, blocked, category, confidence: Math.round(verdict.notLegitBound * 100) / 100 };
}
