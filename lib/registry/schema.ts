// Client-safe zod schemas for the registry's forms: adding a number with its evidence, and rejecting one.
import { z } from "zod";
import { MODERATOR_EVIDENCE_METHOD_KEYS } from "../display/labels";
import { parseWebAddress } from "../display/web-address";
import { reasonField } from "../platform/schema-fields";

const DAY = 86_400_000;

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
