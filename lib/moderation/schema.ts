// Client-safe zod schemas for the moderation forms, the registry and removal requests.
import { z } from "zod";
import { parseWebAddress } from "../display/web-address";
import { emailField } from "../accounts/schema";
import { MODERATOR_EVIDENCE_METHOD_KEYS, ORG_CATEGORY_KEYS } from "../display/labels";
import { ROLE_KEYS } from "../accounts/roles";
import { auditNote, optionalText } from "../platform/schema-fields";
import { flagFields } from "../comments/flag-fields";

const DAY = 86_400_000;

export const reasonField = auditNote({
  missing: "Give a reason: it goes into the audit log.",
  tooShort: "Give a reason of at least 3 characters: it goes into the audit log.",
  tooLong: "Keep the reason under 500 characters.",
});

/** Evidence for a registry entry. An empty review date means one year from now. */
export const evidenceSchema = z.object({
  // "Published by the organisation" is not a moderator's to give: only its representative publishing the number gives it.
  method: z.enum(MODERATOR_EVIDENCE_METHOD_KEYS, { error: "Choose how the number was confirmed." }),
  source: z
    .string({ error: "Give the source URL or a note." })
    .trim()
    .min(3, "Give the source URL or a note on how it was confirmed.")
    .max(500, "Keep the source under 500 characters.")
    .refine((value) => !/^(javascript|data|vbscript):/i.test(value), "That is not a web address we can link to.")
    .refine((value) => !/^https?:/i.test(value) || parseWebAddress(value) !== null, "That web address is not valid. Check it, or write a note instead."),
  reviewAt: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return new Date(Date.now() + 365 * DAY);
      const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: "Enter a review date like 2027-01-31." });
        return z.NEVER;
      }
      if (date.getTime() < Date.now() - DAY) {
        ctx.addIssue({ code: "custom", message: "The review date must be in the future." });
        return z.NEVER;
      }
      return date;
    }),
});
export type EvidenceInput = z.input<typeof evidenceSchema>;
export type Evidence = z.output<typeof evidenceSchema>;

export const registryEntrySchema = z.object({
  number: z.string().trim().min(1, "Enter the number.").max(64, "That is too long to be a phone number."),
  region: z.string().trim().regex(/^[A-Z]{2}$/).optional(),
  organisationId: z.string().trim().min(1, "Choose the organisation.").max(100),
  evidence: evidenceSchema,
});

export const rejectNumberSchema = z.object({
  number: z.string().trim().min(1, "Enter the number.").max(64),
  region: z.string().trim().regex(/^[A-Z]{2}$/).optional(),
  organisationId: z.string().trim().min(1, "Choose the organisation.").max(100),
  reason: reasonField,
});

/** A member's flag on a report (lib/moderation/report-flags.ts); the same reasons as a comment's. */
export const flagReportSchema = z.object({
  reportId: z.string({ error: "Say which report." }).regex(/^[A-Za-z0-9_-]{1,100}$/, "That is not an id we gave out."),
  ...flagFields,
});

export const flagDecisionSchema = z.object({
  targetType: z.enum(["comment", "report"]),
  targetId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "That is not an id we gave out."),
  decision: z.enum(["hide", "restore", "dismiss"]),
  reason: reasonField,
});

export const organisationEditSchema = z.object({
  name: z.string().trim().min(2, "Use at least 2 characters.").max(120, "Use at most 120 characters."),
  category: z.enum(ORG_CATEGORY_KEYS),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^[A-Z]{2}$/.test(value), "Use a two-letter country code such as AU."),
  website: optionalText(300)
    .refine((value) => value === null || parseWebAddress(value) !== null, "Enter a full web address such as https://example.org")
    .transform((value) => (value === null ? null : parseWebAddress(value))),
  officialPhone: optionalText(64),
  policyCallsFrom: optionalText(1000),
  policyMayAsk: optionalText(1000),
  policyNeverAsks: optionalText(1000),
  policyHowToVerify: optionalText(1000),
  reason: reasonField,
});
export type OrganisationEdit = z.input<typeof organisationEditSchema>;

export const roleSchema = z.enum(ROLE_KEYS, { error: "Choose a role." });

export const removalRequestSchema = z.object({
  e164: z.string().regex(/^\+[1-9]\d{6,14}$/, "That is not a phone number."),
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(2, "Enter your name (at least 2 characters).")
    .max(100, "Use at most 100 characters."),
  email: emailField,
  reason: z
    .string({ error: "Tell us why." })
    .trim()
    .min(10, "Tell us why in at least 10 characters.")
    .max(2000, "Keep it under 2,000 characters."),
});
export type RemovalRequestInput = z.input<typeof removalRequestSchema>;
