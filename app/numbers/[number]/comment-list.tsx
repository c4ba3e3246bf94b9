"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import type { CommentView } from "@/lib/comments/comment";
import { loadCommentsAction, loadRepliesAction } from "./comment-actions";
import { CommentItem, type CommentViewer } from "./comment-item";

type Cursor = { createdAt: string; id: string } | null;

export function CommentList({ e164, initialThreads, initialNext, viewer }: { e164: string; initialThreads: CommentView[]; initialNext: Cursor; viewer: CommentViewer }) {
  // The first page comes from the server (and refreshes after every change); later pages are added here.
  const [more, setMore] = useState<CommentView[]>([]);
  const [next, setNext] = useState<Cursor | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const cursor = next === undefined ? initialNext : next;
  const seen = new Set(initialThreads.map((thread) => thread.id));
  const threads = [...initialThreads, ...more.filter((thread) => !seen.has(thread.id))];

  const showMore = () =>
    startTransition(async () => {
      if (!cursor) return;
      const result = await loadCommentsAction({ e164, before: cursor });
      // Updates after an await need their own transition to land with the end of "Loading…" (React 19).
      startTransition(() => {
        if (!result.ok) return setError(result.error);
        setError(null);
        setMore((current) => [...current, ...result.data.threads]);
        setNext(result.data.next);
      });
    });

  return (
    <div>
      <ol className="divide-y divide-slate-100" data-testid="comment-list">
        {threads.map((thread) => (
          <li key={thread.id} className="py-4 first:pt-0">
            <CommentItem comment={thread} e164={e164} viewer={viewer} />
            <Replies thread={thread} e164={e164} viewer={viewer} />
          </li>
        ))}
      </ol>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {cursor ? (
        <button type="button" onClick={showMore} disabled={pending} className={buttonClass("secondary", "mt-4 w-full sm:w-auto")}>
          {pending ? "Loading…" : "Show more"}
        </button>
      ) : null}
    </div>
  );
}

/** A thread's replies: the first page from the server, then "Show N more replies" a page at a time. */
function Replies({ thread, e164, viewer }: { thread: CommentView; e164: string; viewer: CommentViewer }) {
  const [more, setMore] = useState<CommentView[]>([]);
  const [remaining, setRemaining] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const seen = new Set(thread.replies.map((reply) => reply.id));
  const replies = [...thread.replies, ...more.filter((reply) => !seen.has(reply.id))];
  const left = remaining ?? thread.moreReplies;
  const last = replies.at(-1);

  const showMore = () =>
    startTransition(async () => {
      if (!last) return;
      const result = await loadRepliesAction({ e164, parentId: thread.id, after: { createdAt: last.createdAt, id: last.id } });
      startTransition(() => {
        if (!result.ok) return setError(result.error);
        setError(null);
        setMore((current) => [...current, ...result.data.replies]);
        setRemaining(result.data.moreReplies);
      });
    });

  if (!replies.length) return null;
  return (
    <div className="mt-3 border-l-2 border-slate-100 pl-4 sm:ml-2">
      <ol className="space-y-3">
        {replies.map((reply) => (
          <li key={reply.id}>
            <CommentItem comment={reply} e164={e164} viewer={viewer} isReply />
          </li>
        ))}
      </ol>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {left > 0 ? (
        <button type="button" onClick={showMore} disabled={pending} className={buttonClass("secondary", "mt-3 w-full sm:w-auto")}>
          {pending ? "Loading…" : left === 1 ? "Show 1 more reply" : `Show ${left.toLocaleString("en-AU")} more replies`}
        </button>
      ) : null}
    </div>
  );
}
