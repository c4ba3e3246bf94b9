import "server-only";
import { cacheTags, invalidateTags } from "../platform/data-cache";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { flagCommentSchema } from "./schema";
import { FLAGS_TO_HIDE } from "./limits";
import { db } from "../platform/db";
import { AppError, isUniqueViolation, parseOrThrow } from "../platform/errors";
import { assertMayFlag } from "../trust/legitimacy";
import { consumeLimit } from "../platform/rate-limit";

export type FlagOutcome = { hidden: boolean };

/**
 * Flags a comment (one flag per member per comment, enforced by the database). Members at TL1 and
 * above may flag; the third such flag hides the comment pending review, and a moderator's hides it at once.
 */
export async function flagComment(actor: Actor | null, input: unknown): Promise<FlagOutcome> {
  assertCanWrite(actor);
  const data = parseOrThrow(flagCommentSchema, input);
  const { staff } = await assertMayFlag(actor, "comments");
  await consumeLimit("flag", actor.id, "You have flagged a lot today");
  let hiddenOn: string | null = null;
  try {
    const outcome = await db.$transaction(async (tx) => {
      // The row lock serialises flags on one comment, so the count that hides it is exact.
      const rows = await tx.$queryRaw<{ authorId: string; hiddenAt: Date | null; deletedAt: Date | null; e164: string }[]>`
        SELECT "authorId", "hiddenAt", "deletedAt", e164 FROM "Comment" WHERE id = ${data.commentId} FOR UPDATE`;
      const comment = rows[0];
      if (!comment || comment.deletedAt) throw new AppError("NOT_FOUND", "That comment no longer exists.");
      if (comment.authorId === actor.id) throw new AppError("FORBIDDEN", "You cannot flag your own comment.");
      await tx.flag.create({ data: { flaggerId: actor.id, commentId: data.commentId, reason: data.reason, note: data.note || null } });
      const updated = await tx.comment.update({ where: { id: data.commentId }, data: { flagCount: { increment: 1 } }, select: { flagCount: true } });
      const openFlags = await tx.flag.count({ where: { commentId: data.commentId, status: "OPEN" } });
      if (!comment.hiddenAt && (staff || openFlags >= FLAGS_TO_HIDE)) {
        await tx.comment.update({
          where: { id: data.commentId },
          data: { hiddenAt: new Date(), hiddenReason: staff ? "Flagged by a moderator" : `Flagged by ${updated.flagCount} members` },
        });
        hiddenOn = comment.e164;
        return { hidden: true };
      }
      return { hidden: Boolean(comment.hiddenAt) };
    });
    // A comment just hidden leaves the number's cached public page.
    if (hiddenOn) invalidateTags(cacheTags.number(hiddenOn));
    return outcome;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "You have already flagged this comment.");
    throw error;
  }
}
