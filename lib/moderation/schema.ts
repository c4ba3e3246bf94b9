// Client-safe zod schemas for the moderation queues' forms (flags) and removal requests. The registry's, an
// organisation's and a role's own forms have theirs in their domains (registry/, organisations/, accounts/).
import { z } from "zod";
import { emailField } from "../accounts/schema";
import { reasonField } from "../platform/schema-fields";
import { flagFields } from "../comments/flag-fields";

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
