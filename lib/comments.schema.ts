import { z } from "zod";
import { E164_PATTERN } from "./phone";

export const COMMENT_MAX = 2_000;
/** How long an author may edit their comment. */
export const EDIT_WINDOW_MINUTES = 15;
export const COMMENTS_PAGE_SIZE = 20;

const id = z.string().trim().min(1).max(64);

export const commentBody = z
  .string({ error: "Write your comment." })
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "Write your comment.")
      .max(COMMENT_MAX, `Keep it to ${COMMENT_MAX.toLocaleString("en-AU")} characters or fewer.`),
  );

export const createCommentSchema = z.object({
  e164: z.string().trim().regex(E164_PATTERN, "That is not a phone number in international form."),
  body: commentBody,
  parentId: id.optional(),
});

export const editCommentSchema = z.object({ commentId: id, body: commentBody });
export const deleteCommentSchema = z.object({ commentId: id });

export const FLAG_REASONS = {
  SPAM: "Spam",
  ABUSE: "Abuse or harassment",
  PERSONAL_INFORMATION: "Personal information",
  OTHER: "Something else",
} as const;
export type FlagReasonKey = keyof typeof FLAG_REASONS;

export const flagCommentSchema = z.object({
  commentId: id,
  reason: z.enum(Object.keys(FLAG_REASONS) as [FlagReasonKey, ...FlagReasonKey[]], { error: "Choose a reason." }),
  note: z.string().trim().max(500, "Keep the note to 500 characters or fewer.").optional(),
});

export const listCommentsSchema = z.object({
  e164: z.string().regex(E164_PATTERN),
  before: z.object({ createdAt: z.iso.datetime(), id }).optional(),
});

export type CreateCommentInput = z.infer<typeof createCommentSchema>;
