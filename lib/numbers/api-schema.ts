// Client-safe zod schemas of the public API's requests and responses. Route handlers parse every
// response through these, and lib/openapi/document.ts generates the OpenAPI document from them, so the
// document and the code cannot drift apart.
import { z } from "zod";
import { EVIDENCE_METHOD_KEYS, REPORT_CATEGORY_KEYS, type EvidenceMethodKey, type ReportCategoryKey } from "../display/labels";
import { E164_PATTERN, isRegion, NUMBER_TYPES } from "./phone";
import { VERDICT_KINDS } from "../trust/verdict-text";

export const API_ERROR_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "INVALID", "PAYLOAD_TOO_LARGE", "UNAVAILABLE", "INTERNAL"] as const;

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string().describe("A sentence a person may read."),
    }),
  })
  .describe("Every error answers with this shape and the matching HTTP status.");

export const regionSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => isRegion(value), "Region must be an ISO 3166 alpha-2 country code such as AU, US, GB or NZ.");

export const numberLookupQuerySchema = z.object({
  number: z.string().trim().min(1, "Enter a phone number.").max(160, "That is too long to be a phone number."),
  region: regionSchema.optional(),
});

const categoryEnum = z.enum(REPORT_CATEGORY_KEYS as [ReportCategoryKey, ...ReportCategoryKey[]]);
const evidenceEnum = z.enum(EVIDENCE_METHOD_KEYS as [EvidenceMethodKey, ...EvidenceMethodKey[]]);
const timestamp = z.iso.datetime();

export const organisationRefSchema = z.object({
  name: z.string(),
  slug: z.string(),
  url: z.url().describe("The organisation's page."),
  officialPhone: z.string().nullable().describe("Where to call the organisation back (E.164)."),
});

export const numberLookupSchema = z.object({
  e164: z.string().regex(E164_PATTERN).describe("The canonical number."),
  national: z.string(),
  international: z.string(),
  type: z.enum(NUMBER_TYPES),
  country: z.string().length(2).nullable().describe("ISO 3166 alpha-2."),
  countryName: z.string().nullable(),
  url: z.url().describe("The number's page."),
  verdict: z.object({
    kind: z.enum(VERDICT_KINDS),
    label: z.string(),
    summary: z.string(),
    legitBound: z.number().min(0).max(1).describe("95% Wilson lower bound of the weighted share saying legitimate."),
    notLegitBound: z.number().min(0).max(1),
    evidence: z.number().min(0).describe("Weighted votes plus reporters behind the verdict."),
    possiblySpoofed: z.boolean().describe("A verified number that has scam reports: the caller may have spoofed it."),
  }),
  counts: z.object({
    reports: z.int().min(0),
    reporters: z.int().min(0),
    comments: z.int().min(0),
  }),
  firstReportedAt: timestamp.nullable(),
  lastReportedAt: timestamp.nullable(),
  categories: z.array(z.object({ category: categoryEnum, label: z.string(), reports: z.int().min(0), reporters: z.int().min(0) })),
  claimedOrganisations: z
    .array(
      organisationRefSchema.extend({
        claimStatus: z.enum(["UNVERIFIED", "VERIFIED", "REVOKED", "REJECTED"]),
        reports: z.int().min(0).describe("Reports in which the caller claimed to be this organisation."),
      }),
    )
    .describe("Organisations callers claimed to be."),
  registry: z.object({
    status: z.enum(["VERIFIED", "NOT_LISTED"]),
    organisation: organisationRefSchema.nullable(),
    evidence: z
      .object({
        method: evidenceEnum,
        methodLabel: z.string(),
        source: z.string().nullable(),
        verifiedAt: timestamp.nullable(),
        reviewAt: timestamp.nullable(),
      })
      .nullable(),
  }),
  impersonation: z
    .object({ organisation: organisationRefSchema })
    .nullable()
    .describe("Set when callers claimed to be an organisation whose verified numbers do not include this one."),
});

export type NumberLookup = z.infer<typeof numberLookupSchema>;
export type ApiError = z.infer<typeof apiErrorSchema>;
