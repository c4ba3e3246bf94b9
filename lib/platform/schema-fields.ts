// Client-safe zod fields that forms across domains share, written once.
import { z } from "zod";

/** Optional free text up to `max` characters; empty reads as null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .optional()
    .transform((value) => (value ? value : null));

/** A required note of 3 to 500 characters that goes into the audit log (a reason, what was checked). */
export const auditNote = (messages: { missing: string; tooShort: string; tooLong: string }) =>
  z.string({ error: messages.missing }).trim().min(3, messages.tooShort).max(500, messages.tooLong);

/** A moderator's or representative's reason for a change: it goes into the audit log. */
export const reasonField = auditNote({
  missing: "Give a reason: it goes into the audit log.",
  tooShort: "Give a reason of at least 3 characters: it goes into the audit log.",
  tooLong: "Keep the reason under 500 characters.",
});
