import { z } from "zod";
import { E164_PATTERN } from "../numbers/phone";
import { COMMENT_MAX, FLAG_REASONS, type FlagReasonKey } from "./limits";
import { flagFields } from "./flag-fields";

export { COMMENT_MAX, FLAG_REASONS, type FlagReasonKey };
/** How long an author may edit their comment. */
export const EDIT_WINDOW_MINUTES = 15;
export const COMMENTS_PAGE_SIZE = 20;
/** Replies shown under a thread before "Show more replies". */
export const REPLIES_PAGE_SIZE = 10;

/** Row ids are cuids: a NUL byte or a space can never be one (PostgreSQL would refuse the query). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const id = z.string().trim().regex(ID_PATTERN, "That is not an id we gave out.");
/** Control characters other than newline and tab (NUL above all, which PostgreSQL text cannot hold). */
export const stripControls = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");

export const commentBody = z
  .string({ error: "Write your comment." })
  .transform((text) => stripControls(text.replace(/\r\n?/g, "\n")).trim())
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
  /** A representative replying as their organisation (replies only). */
  onBehalfOfOrganisationId: id.optional(),
});

export const editCommentSchema = z.object({ commentId: id, body: commentBody });
export const deleteCommentSchema = z.object({ commentId: id });


export const flagCommentSchema = z.object({ commentId: id, ...flagFields });

export const listCommentsSchema = z.object({
  e164: z.string().regex(E164_PATTERN),
  before: z.object({ createdAt: z.iso.datetime(), id }).optional(),
});

/** A thread's replies after the ones shown ("Show 12 more replies"). */
export const listRepliesSchema = z.object({
  e164: z.string().regex(E164_PATTERN),
  parentId: id,
  after: z.object({ createdAt: z.iso.datetime(), id }),
});

export type CreateCommentInput = z.infer<typeof createCommentSchema>;
