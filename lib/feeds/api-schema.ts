// Client-safe zod schemas of the open feeds and the private lookup: queries and JSON bodies. The
// routes parse through them and lib/feeds/openapi.ts documents them.
import { z } from "zod";
import { ORG_CATEGORY_KEYS, REPORT_CATEGORY_KEYS, type OrgCategoryKey, type ReportCategoryKey } from "../display/labels";

const version = z
  .string()
  .regex(/^\d{1,18}$/, "must be a version number this feed gave out (a whole number)")
  .transform((value) => BigInt(value));

export const feedQuerySchema = z.object({
  since: version.optional().describe("Only changes after this version (the `version` of your last download). Omit it for the whole current list."),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000).describe("Entries per answer (1–50 000, default 10 000); `more` says when to ask again."),
  minConfidence: z.coerce.number().min(0).max(1).default(0).describe("Blocklist only: leave out numbers below this confidence (0–1)."),
});
export type FeedQuery = z.infer<typeof feedQuerySchema>;

const licence = z.object({ name: z.string(), url: z.string(), attribution: z.string() }).describe("The data's licence: credit the attribution.");
const hash = z.string().regex(/^[0-9a-f]{64}$/).describe("Lower-case hex SHA-256 of the E.164 number.");
const feedVersion = z.string().regex(/^\d+$/).describe("Pass as `since` next time (a decimal string: it can exceed 2^53).");

export const allowlistEntrySchema = z.object({
  e164: z.string(),
  sha256: hash,
  listed: z.boolean().describe("false: the number left the allow-list (revoked); remove it."),
  version: feedVersion,
  organisations: z.array(z.object({ name: z.string(), slug: z.string(), category: z.enum(ORG_CATEGORY_KEYS as [OrgCategoryKey, ...OrgCategoryKey[]]), country: z.string().nullable() })),
});

export const allowlistFeedSchema = z.object({
  licence,
  version: feedVersion,
  since: z.string().nullable(),
  more: z.boolean().describe("true: more changes follow; ask again with since=version."),
  entries: z.array(allowlistEntrySchema).describe("Oldest change first."),
});

export const blocklistEntrySchema = z.object({
  e164: z.string(),
  sha256: hash,
  listed: z.boolean().describe("false: the number left the blocklist (or fell below minConfidence); remove it."),
  version: feedVersion,
  category: z.enum(REPORT_CATEGORY_KEYS as [ReportCategoryKey, ...ReportCategoryKey[]]).nullable(),
  confidence: z.number().min(0).max(1).describe("95% lower bound of the share of evidence saying 'not legitimate'."),
});

export const blocklistFeedSchema = allowlistFeedSchema.omit({ entries: true }).extend({
  minConfidence: z.number(),
  entries: z.array(blocklistEntrySchema).describe("Oldest change first."),
});

export const prefixLookupSchema = z.object({
  licence,
  prefix: z.string(),
  entries: z
    .array(
      z.object({
        sha256: hash,
        list: z.enum(["allow", "block"]),
        verdict: z.string().describe("VERIFIED, LIKELY_SCAM or IMPERSONATION."),
        category: z.enum(REPORT_CATEGORY_KEYS as [ReportCategoryKey, ...ReportCategoryKey[]]).nullable(),
        confidence: z.number().nullable(),
        organisations: z.array(z.string()).describe("Names of the organisations an allow-listed number belongs to."),
      }),
    )
    .describe("Every listed number whose hash starts with the prefix; compare the full hash locally."),
});

export const PREFIX_PATTERN = /^[0-9a-fA-F]{5}$/;
