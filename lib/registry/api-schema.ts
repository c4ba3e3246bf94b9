// Client-safe zod schemas of GET /api/v1/registry: its query and its response. The route parses its
// body through them and lib/registry/openapi.ts documents them, so the two cannot drift.
import { z } from "zod";
import { EVIDENCE_METHOD_KEYS, ORG_CATEGORY_KEYS, type EvidenceMethodKey, type OrgCategoryKey } from "../display/labels";
import { E164_PATTERN } from "../numbers/phone";

const isoTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const registryFeedQuerySchema = z.object({
  since: isoTime
    .optional()
    .describe("Only entries added, changed or revoked at or after this ISO 8601 time. Omit it for the whole history.")
    .transform((value) => (value ? new Date(value) : undefined)),
  cursor: z.string().max(200).optional().describe("The `nextCursor` of the previous page."),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("Entries per page (1–500, default 100)."),
});

const timestamp = z.iso.datetime();

export const registryFeedEntrySchema = z.object({
  id: z.string().describe("Stable id of the entry."),
  e164: z.string().regex(E164_PATTERN),
  status: z.enum(["VERIFIED", "REVOKED", "REJECTED"]).describe("VERIFIED: in the registry. REVOKED or REJECTED: removed from it (statusReason says why)."),
  organisation: z.object({
    name: z.string(),
    slug: z.string(),
    category: z.enum(ORG_CATEGORY_KEYS as [OrgCategoryKey, ...OrgCategoryKey[]]),
    country: z.string().nullable(),
    officialPhone: z.string().nullable().describe("Where to call the organisation back (E.164)."),
  }),
  country: z.string().nullable().describe("The number's country, ISO 3166 alpha-2."),
  evidence: z.object({
    method: z.enum(EVIDENCE_METHOD_KEYS as [EvidenceMethodKey, ...EvidenceMethodKey[]]).nullable(),
    source: z.string().nullable().describe("A source URL or a moderator's note."),
  }),
  verifiedBy: z.string().nullable().describe("Display name of the moderator who verified it."),
  verifiedAt: timestamp.nullable(),
  reviewAt: timestamp.nullable().describe("When a moderator should check it again."),
  statusReason: z.string().nullable().describe("Why it was revoked or rejected."),
  changedAt: timestamp.describe("When its status last changed: the feed's order."),
});

export const registryFeedSchema = z.object({
  entries: z.array(registryFeedEntrySchema).describe("Oldest change first."),
  nextCursor: z.string().nullable().describe("Pass as `cursor` (with the same `since`) for the next page; null on the last page."),
});

export type RegistryFeedBody = z.input<typeof registryFeedSchema>;
