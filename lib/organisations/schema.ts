// Client-safe zod schema for a moderator's edit of an organisation (its details and calling policy).
import { z } from "zod";
import { ORG_CATEGORY_KEYS } from "../display/labels";
import { parseWebAddress } from "../display/web-address";
import { optionalText, reasonField } from "../platform/schema-fields";

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
