"use client";

import { useActionState, useEffect, useRef } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextareaField } from "@/components/ui/field";
import { COMMENT_MAX } from "@/lib/comments/limits";
import { postCommentAction } from "./comment-actions";

/** The comment box, or (with parentId) a reply box under a thread. */
export function CommentForm({ e164, parentId, speaksFor = [], onDone }: { e164: string; parentId?: string; speaksFor?: { id: string; name: string }[]; onDone?: () => void }) {
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
      {reply && speaksFor.length ? (
        <div className="space-y-1.5">
          <label htmlFor={`${id}-as`} className="block text-sm font-medium text-slate-800">Reply as</label>
          <select id={`${id}-as`} name="onBehalfOfOrganisationId" className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 sm:w-auto" defaultValue="">
            <option value="">Myself</option>
            {speaksFor.map((org) => (
              <option key={org.id} value={org.id}>{org.name} (as the organisation)</option>
            ))}
          </select>
        </div>
      ) : null}
      {state && !state.ok && !errors?.body ? <Alert tone="error" testId="comment-error">{state.error}</Alert> : null}
      {state?.ok ? <Alert tone="success" testId="comment-posted">{state.message}</Alert> : null}
      <SubmitButton pendingText="Posting…" className="w-full sm:w-auto">{reply ? "Post reply" : "Post comment"}</SubmitButton>
    </form>
  );
}
