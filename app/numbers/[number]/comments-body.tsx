"use client";

import { FormLink } from "@/components/ui/form-link";
import { useMemo } from "react";
import { useMemberView } from "@/components/member/member-view";
import { numberSubject } from "@/components/member/subjects";
import { Alert } from "@/components/ui/alert";
import type { CommentPage } from "@/lib/comments/comment";
import { applyMarks } from "@/lib/comments/marks";
import { plural } from "@/lib/display/format";
import { CommentForm } from "./comment-form";
import { CommentList } from "./comment-list";
import type { CommentViewer } from "./comment-item";

const VISITOR: CommentViewer = { signedIn: false, canWrite: false };

/**
 * The comment form (or why there is none) and the list. A signed-in user's form, reply-as choices and
 * their comments' marks come with their parts of the page (seeded, or from GET /api/me); marks on a page
 * already read for them (staff's) change nothing. On the copy everyone shares, staff's view brings the
 * first page as staff read it (hidden comments with their text), which replaces the shared one.
 */
export function CommentsBody({ e164, page: shared, stamp }: { e164: string; page: CommentPage; stamp: string }) {
  const view = useMemberView(numberSubject(e164), stamp);
  const staffPage = view?.number?.staff?.comments;
  const page = staffPage ?? shared;
  const removed = !page.visibility.visible && page.visibility.reason === "REMOVED";
  const canWrite = Boolean(view?.number) && !view?.viewer.suspended && !removed;
  const viewer: CommentViewer = view?.number ? { signedIn: true, canWrite, speaksFor: canWrite ? view.number.speaksFor : [] } : VISITOR;
  const marks = staffPage ? undefined : view?.number?.comments;
  const threads = useMemo(() => (marks ? applyMarks(page.threads, marks) : page.threads), [page.threads, marks]);
  const signedIn = viewer.signedIn;
  return (
    <>
      <div className="mt-4">
        {viewer.canWrite ? (
          <>
            {!page.visibility.visible && page.visibility.reason === "TOO_FEW_REPORTERS" ? (
              <p className="mb-3 text-sm text-slate-600" data-testid="comment-held-note">
                You can post now; your comment will be shown once a second member has reported this number.
              </p>
            ) : null}
            <CommentForm e164={e164} />
          </>
        ) : removed ? null : signedIn ? (
          <p className="text-sm text-amber-800">Your account is suspended, so you cannot comment.</p>
        ) : (
          <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-700" data-visitor-only>
            <FormLink href={`/signin?callbackUrl=${encodeURIComponent(`/numbers/${e164}`)}`}>Sign in</FormLink> to share your experience with this number.
          </p>
        )}
      </div>

      <div className="mt-6">
        {!page.visibility.visible ? (
          <Alert tone="info" testId="comments-privacy">
            {page.visibility.note}
            {page.total > 0 ? ` (${plural(page.total, "comment")} waiting.)` : null}
          </Alert>
        ) : threads.length === 0 ? (
          <p className="text-sm text-slate-600">No experiences shared yet.</p>
        ) : (
          <CommentList e164={e164} initialThreads={threads} initialNext={page.next} viewer={viewer} />
        )}
      </div>
    </>
  );
}
