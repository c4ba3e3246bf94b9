"use client";

import { useActionState, useEffect, useRef } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextareaField } from "@/components/ui/field";
import { COMMENT_MAX } from "@/lib/comments/limits";
import { postCommentAction } from "./comment-actions";

/** The comment box, or (with parentId) a reply box under a thread. */
export function CommentForm({ e164, parentId, onDone }: { e164: string; parentId?: string; onDone?: () => void }) {
  const [state, action] = useActionState(postCommentAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const reply = Boolean(parentId);
  const id = reply ? `reply-${parentId}` : "comment";
  const done = useRef(onDone);
  useEffect(() => {
    if (state?.ok && !state.message?.includes("masked")) done.current?.();
  }, [state]);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="e164" value={e164} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <TextareaField
        id={id}
        name="body"
        label={reply ? "Reply" : "Comment"}
        rows={reply ? 3 : 4}
        maxLength={COMMENT_MAX}
        required
        defaultValue={state && !state.ok ? state.values?.body : undefined}
        errors={errors?.body}
        hint={reply ? undefined : `Plain text, up to ${COMMENT_MAX.toLocaleString("en-AU")} characters. Card numbers and e-mail addresses are masked.`}
      />
      {state && !state.ok && !errors?.body ? <Alert tone="error" testId="comment-error">{state.error}</Alert> : null}
      {state?.ok ? <Alert tone="success" testId="comment-posted">{state.message}</Alert> : null}
      <SubmitButton pendingText="Posting…" className="w-full sm:w-auto">{reply ? "Post reply" : "Post comment"}</SubmitButton>
    </form>
  );
}
