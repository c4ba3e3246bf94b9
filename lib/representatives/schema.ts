// Client-safe zod schemas for the organisation console (issue 14), shared by its forms and actions.
import { z } from "zod";
import { emailField } from "../accounts/schema";
import { auditNote, optionalText } from "../platform/schema-fields";

const id = (message: string) => z.string({ error: message }).trim().min(1, message).max(100);

/** Ask to represent: an address at one of the organisation's domains, or a note for a moderator. */
export const representationRequestSchema = z
  .object({
    organisationId: id("Choose the organisation."),
    email: z.union([z.literal(""), emailField]).optional().transform((value) => value || null),
    evidence: optionalText(1000),
  })
  .refine((value) => value.email || value.evidence, { message: "Give your work e-mail address, or tell a moderator how we can check you work there.", path: ["email"] });
export type RepresentationRequestInput = z.input<typeof representationRequestSchema>;

export const approvalSchema = z.object({
  representativeId: id("Choose the request."),
  evidence: auditNote({ missing: "Say what you checked.", tooShort: "Say what you checked: it goes into the audit log.", tooLong: "Keep it under 500 characters." }),
});

export const MAX_PUBLISH_LINES = 50;

/** The dates people type in a date field: YYYY-MM-DD, read as the start of that day (UTC). */
const futureDate = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : "invalid");
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a date like 2027-01-31." });
      return z.NEVER;
    }
    if (date.getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", message: "The retirement date must be in the future." });
      return z.NEVER;
    }
    return date;
  });

export const publishSchema = z.object({
  organisationId: id("Choose the organisation."),
  numbers: z
    .string({ error: "Enter at least one number." })
    .max(5000, "Paste at most 50 numbers at a time.")
    .transform((text) => text.split(/[\r\n,;]+/).map((line) => line.trim()).filter(Boolean))
    .refine((lines) => lines.length > 0, "Enter at least one number.")
    .refine((lines) => lines.length <= MAX_PUBLISH_LINES, `Paste at most ${MAX_PUBLISH_LINES} numbers at a time.`),
  region: z.string().trim().regex(/^[A-Z]{2}$/).optional(),
  label: optionalText(60),
  retiresAt: futureDate,
});
export type PublishInput = z.input<typeof publishSchema>;

const answer = z
  .enum(["", "yes", "no"])
  .optional()
  .transform((value) => (value === "yes" ? true : value === "no" ? false : null));

export const POLICY_QUESTIONS = {
  policyListedNumbersOnly: "Do you call only from the numbers you publish?",
  policyVoicemailNamesListed: "Does a voicemail you leave name a published number to call back?",
  policyAsksPassword: "On a call you started, will you ever ask for a password or PIN?",
  policyAsksSecurityAnswers: "On a call you started, will you ever ask for the answers to security questions?",
  policyAsksOneTimeCode: "On a call you started, will you ever ask for a one-time code?",
  policyAsksCardDetails: "On a call you started, will you ever ask for card details?",
  policyVerifyCallBack: "Can a customer hang up and call you back on your official number?",
  policyVerifyReference: "Do you give a reference the customer can check on CallerCheck?",
} as const;
export type PolicyQuestion = keyof typeof POLICY_QUESTIONS;
export const POLICY_QUESTION_KEYS = Object.keys(POLICY_QUESTIONS) as PolicyQuestion[];

export const policySchema = z.object({
  organisationId: id("Choose the organisation."),
  policyListedNumbersOnly: answer,
  policyVoicemailNamesListed: answer,
  policyAsksPassword: answer,
  policyAsksSecurityAnswers: answer,
  policyAsksOneTimeCode: answer,
  policyAsksCardDetails: answer,
  policyVerifyCallBack: answer,
  policyVerifyReference: answer,
  policyUrl: z
    .string()
    .trim()
    .max(500, "Keep the address under 500 characters.")
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^https:\/\/[^\s/]+\.[^\s]+$/i.test(value), "Give the https:// address of the policy on your own site."),
});
export type PolicyInput = z.input<typeof policySchema>;

export const statementSchema = z.object({
  organisationId: id("Choose the organisation."),
  e164: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, "That is not a number page."),
  body: z.string({ error: "Write the statement." }).trim().min(10, "Write at least 10 characters.").max(1000, "Keep the statement under 1,000 characters."),
});

/** References are short codes read out on a call: letters and digits, case and spaces ignored. */
export const normaliseReference = (text: string) => text.toUpperCase().replace(/[\s-]+/g, "");

export const recordCallSchema = z.object({
  organisationId: id("Choose the organisation."),
  from: z.string({ error: "Enter the number you called from." }).trim().min(1, "Enter the number you called from.").max(64, "That is too long to be a phone number."),
  region: z.string().trim().regex(/^[A-Z]{2}$/).optional(),
});

export const checkCallSchema = z.object({
  organisationId: id("Choose the organisation."),
  reference: z
    .string({ error: "Enter the reference the caller gave you." })
    .transform(normaliseReference)
    .refine((value) => value.length > 0, "Enter the reference the caller gave you.")
    .refine((value) => /^[A-Z0-9]{4,12}$/.test(value), "A reference is 4 to 12 letters and digits."),
});

export const apiKeySchema = z.object({
  organisationId: id("Choose the organisation."),
  name: z.string({ error: "Name the key." }).trim().min(2, "Name the key (e.g. \"dialler\").").max(60, "Keep the name under 60 characters."),
});
