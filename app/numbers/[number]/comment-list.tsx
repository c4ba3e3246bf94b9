"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import type { CommentView } from "@/lib/comments/comment";
import { loadCommentsAction } from "./comment-actions";
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
      if (!result.ok) return setError(result.error);
      setError(null);
      setMore((current) => [...current, ...result.data.threads]);
      setNext(result.data.next);
    });

  return (
    <div>
      <ol className="divide-y divide-slate-100" data-testid="comment-list">
        {threads.map((thread) => (
          <li key={thread.id} className="py-4 first:pt-0">
            <CommentItem comment={thread} e164={e164} viewer={viewer} />
            {thread.replies.length ? (
              <ol className="mt-3 space-y-3 border-l-2 border-slate-100 pl-4 sm:ml-2">
                {thread.replies.map((reply) => (
                  <li key={reply.id}>
                    <CommentItem comment={reply} e164={e164} viewer={viewer} isReply />
                  </li>
                ))}
              </ol>
            ) : null}
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
