"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/accounts/authz";
import { createComment, deleteComment, editComment, listComments, type CommentPage } from "@/lib/comments/comment";
import { listCommentsSchema } from "@/lib/comments/schema";
import { parseOrThrow, toFailure, type ActionResult } from "@/lib/platform/errors";
import { flagComment } from "@/lib/comments/flag";
import { clientAddress } from "@/lib/platform/rate-limit";

export type CommentFormState = ActionResult<undefined> & { values?: { body: string } };

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
};

// Every number page: the URL may spell the number encoded or not.
const NUMBER_PAGE = "/numbers/[number]";

export async function postCommentAction(_prev: CommentFormState | null, form: FormData): Promise<CommentFormState> {
  const e164 = text(form, "e164");
  const body = text(form, "body") ?? "";
  try {
    const result = await createComment(await getActor(), { e164, body, parentId: text(form, "parentId") || undefined, onBehalfOfOrganisationId: text(form, "onBehalfOfOrganisationId") || undefined }, { address: await clientAddress() });
    revalidatePath(NUMBER_PAGE, "page");
    return { ok: true, data: undefined, message: result.note ?? (form.get("parentId") ? "Your reply is posted." : "Your comment is posted.") };
  } catch (error) {
    return { ...toFailure(error), values: { body } };
  }
}

export async function editCommentAction(_prev: CommentFormState | null, form: FormData): Promise<CommentFormState> {
  const body = text(form, "body") ?? "";
  try {
    const result = await editComment(await getActor(), { commentId: text(form, "commentId"), body });
    revalidatePath(NUMBER_PAGE, "page");
    return { ok: true, data: undefined, message: result.note ?? "Saved." };
  } catch (error) {
    return { ...toFailure(error), values: { body } };
  }
}

export async function deleteCommentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const result = await deleteComment(await getActor(), { commentId: text(form, "commentId") });
    revalidatePath(NUMBER_PAGE, "page");
    return { ok: true, data: undefined };
  } catch (error) {
    return toFailure(error);
  }
}

export async function flagCommentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const result = await flagComment(await getActor(), { commentId: text(form, "commentId"), reason: text(form, "reason"), note: text(form, "note") || undefined });
    revalidatePath(NUMBER_PAGE, "page");
    return { ok: true, data: undefined, message: result.hidden ? "Thanks. The comment is now hidden pending review." : "Thanks. Moderators will take a look." };
  } catch (error) {
    return toFailure(error);
  }
}

/** The next page of threads for "Show more". */
export async function loadCommentsAction(input: unknown): Promise<ActionResult<Pick<CommentPage, "threads" | "next">>> {
  try {
    const { e164, before } = parseOrThrow(listCommentsSchema, input);
    const page = await listComments(e164, await getActor(), before);
    return { ok: true, data: { threads: page.threads, next: page.next } };
  } catch (error) {
    return toFailure(error);
  }
}
