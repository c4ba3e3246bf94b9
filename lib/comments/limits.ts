// Constants shared by the comment forms and lib/comments/schema.ts, apart from zod so the browser
// does not download it for a number.
export const COMMENT_MAX = 2_000;

export const FLAG_REASONS = {
  SPAM: "Spam",
  ABUSE: "Abuse or harassment",
  PERSONAL_INFORMATION: "Personal information",
  OTHER: "Something else",
} as const;
export type FlagReasonKey = keyof typeof FLAG_REASONS;

/** Distinct members at TL1 or above whose flags hide a comment or a report until a moderator reviews it. */
export const FLAGS_TO_HIDE = 3;
