"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { inputClass, TextareaField } from "@/components/ui/field";
import type { CommentView } from "@/lib/comments/comment";
import { COMMENT_MAX, FLAG_REASONS } from "@/lib/comments/limits";
import { formatDateTime, relativeTime } from "@/lib/display/format";
import { deleteCommentAction, editCommentAction, flagCommentAction } from "./comment-actions";
import { CommentForm } from "./comment-form";

export type CommentViewer = { signedIn: boolean; canWrite: boolean; speaksFor?: { id: string; name: string }[] };

type Panel = "reply" | "edit" | "delete" | "flag" | null;

const linkButton = "rounded px-1 py-0.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900";

export function CommentItem({ comment, e164, viewer, isReply = false }: { comment: CommentView; e164: string; viewer: CommentViewer; isReply?: boolean }) {
  const [panel, setPanel] = useState<Panel>(null);
  const toggle = (next: Panel) => setPanel((current) => (current === next ? null : next));
  if (comment.state === "REMOVED") {
    return <p className="text-sm italic text-slate-500" data-testid="comment">Comment removed</p>;
  }
  const readable = comment.body !== null;
  const canFlag = viewer.canWrite && !comment.mine && !comment.flaggedByMe && comment.state === "VISIBLE";
  return (
    <article className="space-y-2" data-testid="comment" aria-label={`Comment by ${comment.author.name}`}>
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="font-semibold text-slate-900">{comment.author.name}</span>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-200">{comment.author.trust}</span>
        {comment.onBehalfOf ? (
          <span className="text-slate-600">
            on behalf of <Link href={`/organisations/${comment.onBehalfOf.slug}`}>{comment.onBehalfOf.name}</Link>
          </span>
        ) : null}
        <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt)} className="text-slate-500" suppressHydrationWarning>
          {relativeTime(comment.createdAt)}
        </time>
        {comment.editedAt ? <span className="text-slate-500" title={`Edited ${formatDateTime(comment.editedAt)}`}>· edited</span> : null}
      </header>
      {comment.state === "HIDDEN" ? (
        <p className="text-sm font-medium text-amber-800" data-testid="comment-hidden">
          {readable ? "Hidden pending review — only you and moderators can see this text." : "This comment is hidden pending review."}
        </p>
      ) : null}
      {readable && panel !== "edit" ? (
        <p className="whitespace-pre-wrap break-words text-[15px] leading-relaxed text-slate-800" data-testid="comment-body">{comment.body}</p>
      ) : null}
      {panel === "edit" ? <EditForm comment={comment} onDone={() => setPanel(null)} /> : null}

      {viewer.canWrite && panel !== "edit" ? (
        <div className="flex flex-wrap gap-x-2">
          {!isReply && comment.state === "VISIBLE" ? (
            <button type="button" className={linkButton} aria-expanded={panel === "reply"} onClick={() => toggle("reply")}>Reply</button>
          ) : null}
          {comment.editableUntil ? <button type="button" className={linkButton} onClick={() => toggle("edit")}>Edit</button> : null}
          {comment.mine ? <button type="button" className={linkButton} aria-expanded={panel === "delete"} onClick={() => toggle("delete")}>Delete</button> : null}
          {canFlag ? <button type="button" className={linkButton} aria-expanded={panel === "flag"} onClick={() => toggle("flag")}>Flag</button> : null}
          {comment.flaggedByMe ? <span className="px-1 py-0.5 text-sm text-slate-500">You flagged this</span> : null}
        </div>
      ) : null}
      {panel === "reply" ? (
        <div className="rounded-lg bg-slate-50 p-3">
          <CommentForm e164={e164} parentId={comment.id} speaksFor={viewer.speaksFor} onDone={() => setPanel(null)} />
        </div>
      ) : null}
      {panel === "delete" ? <DeleteForm comment={comment} onCancel={() => setPanel(null)} /> : null}
      {panel === "flag" ? <FlagForm comment={comment} e164={e164} /> : null}
    </article>
  );
}

function EditForm({ comment, onDone }: { comment: CommentView; onDone: () => void }) {
  const [state, action] = useActionState(editCommentAction, null);
  useEffect(() => {
    if (state?.ok && !state.message?.includes("masked")) onDone();
  }, [state, onDone]);
  const id = `edit-${comment.id}`;
  return (
    <form action={action} className="space-y-2" noValidate>
      <input type="hidden" name="commentId" value={comment.id} />
      <TextareaField
        id={id}
        name="body"
        label="Edit comment"
        rows={3}
        maxLength={COMMENT_MAX}
        defaultValue={state && !state.ok ? state.values?.body : (comment.body ?? "")}
        errors={state && !state.ok ? state.fieldErrors?.body : undefined}
      />
      {state && !state.ok && !state.fieldErrors?.body ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      <div className="flex gap-2">
        <SubmitButton pendingText="Saving…" className="w-auto">Save</SubmitButton>
        <button type="button" className={linkButton} onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

function DeleteForm({ comment, onCancel }: { comment: CommentView; onCancel: () => void }) {
  const [state, action] = useActionState(deleteCommentAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2 rounded-lg bg-red-50 p-3 text-sm text-red-900">
      <input type="hidden" name="commentId" value={comment.id} />
      <span>Delete this comment? This cannot be undone.</span>
      <SubmitButton variant="danger" pendingText="Deleting…" className="w-auto px-3 py-1.5">Yes, delete</SubmitButton>
      <button type="button" className={linkButton} onClick={onCancel}>Keep it</button>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}

function FlagForm({ comment, e164 }: { comment: CommentView; e164: string }) {
  const [state, action] = useActionState(flagCommentAction, null);
  const id = `flag-${comment.id}`;
  if (state?.ok) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="space-y-2 rounded-lg bg-slate-50 p-3">
      <input type="hidden" name="commentId" value={comment.id} />
      <input type="hidden" name="e164" value={e164} />
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">Why should moderators look at this?</label>
      <select id={id} name="reason" className={inputClass} defaultValue="SPAM">
        {Object.entries(FLAG_REASONS).map(([value, label]) => (
          <option key={value} value={value}>{label}</option>
        ))}
      </select>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <SubmitButton variant="secondary" pendingText="Flagging…" className="w-auto">Flag comment</SubmitButton>
    </form>
  );
}
