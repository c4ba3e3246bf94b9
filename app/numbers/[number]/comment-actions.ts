"use server";

import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/accounts/action";
import { getActor } from "@/lib/accounts/authz";
import { createComment, deleteComment, editComment, listComments, listReplies, type CommentPage, type CommentView } from "@/lib/comments/comment";
import { flagComment } from "@/lib/comments/flag";
import { listCommentsSchema, listRepliesSchema } from "@/lib/comments/schema";
import { parseOrThrow, toFailure, type ActionResult } from "@/lib/platform/errors";
import { present, single, text, type FormObject } from "@/lib/platform/form-fields";

export type CommentFormState = ActionResult<undefined> & { values?: { body: string } };

// Every number page: the URL may spell the number encoded or not.
const NUMBER_PAGE = "/numbers/[number]";

/** A failed comment keeps what the member wrote in the form. */
const keepBody = (failure: Extract<ActionResult<never>, { ok: false }>, form: FormObject): CommentFormState => ({ ...failure, values: { body: text(form.body) } });

// The comment commands parse their own input (lib/comments/schema.ts).
export const postCommentAction = serverAction(
  {},
  async (form, { actor, address }): Promise<CommentFormState> => {
    const parentId = present(form.parentId);
    const result = await createComment(
      actor,
      { e164: single(form.e164), body: text(form.body), parentId, onBehalfOfOrganisationId: present(form.onBehalfOfOrganisationId) },
      { address },
    );
    revalidatePath(NUMBER_PAGE, "page");
    return { ok: true, data: undefined, message: result.note ?? (parentId ? "Your reply is posted." : "Your comment is posted.") };
  },
  keepBody,
);

export const editCommentAction = serverAction(
  {},
  async (form, { actor }): Promise<CommentFormState> => {
    const result = await editComment(actor, { commentId: single(form.commentId), body: text(form.body) });
    revalidatePath(NUMBER_PAGE, "page");
    return { ok: true, data: undefined, message: result.note ?? "Saved." };
  },
  keepBody,
);

export const deleteCommentAction = serverAction({}, async (form, { actor }): Promise<ActionResult> => {
  await deleteComment(actor, { commentId: single(form.commentId) });
  revalidatePath(NUMBER_PAGE, "page");
  return { ok: true, data: undefined };
});

export const flagCommentAction = serverAction({}, async (form, { actor }): Promise<ActionResult> => {
  const result = await flagComment(actor, { commentId: single(form.commentId), reason: single(form.reason), note: present(form.note) });
  revalidatePath(NUMBER_PAGE, "page");
  return { ok: true, data: undefined, message: result.hidden ? "Thanks. The comment is now hidden pending review." : "Thanks. Moderators will take a look." };
});

/** The next page of threads for "Show more" (called with an object, not a form). */
export async function loadCommentsAction(input: unknown): Promise<ActionResult<Pick<CommentPage, "threads" | "next">>> {
  try {
    const { e164, before } = parseOrThrow(listCommentsSchema, input);
    const page = await listComments(e164, await getActor(), before);
    return { ok: true, data: { threads: page.threads, next: page.next } };
  } catch (error) {
    return toFailure(error);
  }
}

/** A thread's next replies for "Show more replies" (called with an object, not a form). */
export async function loadRepliesAction(input: unknown): Promise<ActionResult<{ replies: CommentView[]; moreReplies: number }>> {
  try {
    const { e164, parentId, after } = parseOrThrow(listRepliesSchema, input);
    return { ok: true, data: await listReplies(e164, parentId, await getActor(), after) };
  } catch (error) {
    return toFailure(error);
  }
}
