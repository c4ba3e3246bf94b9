
/**
 * What one member sees differently on a page of comments everyone shares: which are theirs (with the
 * text of their own comment while it is hidden pending review, and until when they may edit it) and
 * which they have flagged. Read by memberNumberParts (lib/numbers/member-parts.ts); applied here, on the server
 * and in the browser alike (the number page's comments fill in a member's marks from GET /api/me).
 */
export type CommentMark = { mine: boolean; flaggedByMe: boolean; editableUntil: string | null; hiddenBody?: string };
export type CommentMarks = Record<string, CommentMark>;

/** What marks change on a comment (lib/comments/comment.ts CommentView has these). */
type Markable = { id: string; state: "VISIBLE" | "HIDDEN" | "REMOVED"; body: string | null; editableUntil: string | null; mine: boolean; flaggedByMe: boolean };
type MarkableThread = Markable & { replies: Markable[] };

/** The ids of a page's threads and their replies. */
export const commentIdsOf = (threads: MarkableThread[]): string[] => threads.flatMap((thread) => [thread.id, ...thread.replies.map((reply) => reply.id)]);

function mark<C extends Markable>(comment: C, marks: CommentMarks): C {
  const own = marks[comment.id];
  if (!own) return comment;
  return {
    ...comment,
    body: own.hiddenBody !== undefined && comment.state === "HIDDEN" ? own.hiddenBody : comment.body,
    editableUntil: comment.state === "VISIBLE" ? own.editableUntil : null,
    mine: own.mine,
    flaggedByMe: own.flaggedByMe,
  };
}

/** The threads with one member's marks applied (a comment without a mark is left as everyone sees it). */
export function applyMarks<T extends MarkableThread>(threads: T[], marks: CommentMarks): T[] {
  if (Object.keys(marks).length === 0) return threads;
  return threads.map((thread) => ({ ...mark(thread, marks), replies: thread.replies.map((reply) => mark(reply, marks)) }));
}

/** A page with one member's marks applied. */
export const withMarks = <P extends { threads: MarkableThread[] }>(page: P, marks: CommentMarks): P => (Object.keys(marks).length === 0 ? page : { ...page, threads: applyMarks(page.threads, marks) });
