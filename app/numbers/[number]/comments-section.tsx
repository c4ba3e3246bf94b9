import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { Actor } from "@/lib/accounts/authz";
import { isModerator } from "@/lib/accounts/roles";
import { listComments } from "@/lib/comments/comment";
import { listCommentsForMember, listPublicComments } from "@/lib/numbers/public-page";
import { plural } from "@/lib/display/format";
import { CommentForm } from "./comment-form";
import { listOrganisationsSpeakingOn } from "@/lib/representatives/representation";
import { CommentList } from "./comment-list";

/** Experiences on a number: newest threads first, one level of replies, "Show more" past 20. */
export async function CommentsSection({ e164, actor }: { e164: string; actor: Actor | null }) {
  // Staff also read others' hidden comments: their page is read afresh. Members get everyone's page with their own marks.
  const page = !actor ? await listPublicComments(e164) : isModerator(actor) ? await listComments(e164, actor) : await listCommentsForMember(e164, actor);
  const removed = !page.visibility.visible && page.visibility.reason === "REMOVED";
  const canWrite = Boolean(actor && !actor.suspendedAt) && !removed;
  // Representatives may reply as an organisation this number claims.
  const speaksFor = actor && canWrite ? await listOrganisationsSpeakingOn(actor.id, e164) : [];
  const viewer = { signedIn: Boolean(actor), canWrite, isModerator: isModerator(actor), speaksFor };
  return (
    <section aria-labelledby="comments-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-e164={e164}>
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="comments-heading" className="text-lg font-semibold text-slate-900">Experiences</h2>
        {page.total > 0 ? <span className="text-sm text-slate-500">{plural(page.total, "comment")}</span> : null}
      </div>
      <p className="mt-1 text-sm text-slate-600">What happened on the call? What did they know, and what did they ask for? Never post your own or anyone&apos;s personal details.</p>

      <div className="mt-4">
        {canWrite ? (
          <>
            {!page.visibility.visible && page.visibility.reason === "TOO_FEW_REPORTERS" ? (
              <p className="mb-3 text-sm text-slate-600" data-testid="comment-held-note">
                You can post now; your comment will be shown once a second member has reported this number.
              </p>
            ) : null}
            <CommentForm e164={e164} />
          </>
        ) : removed ? null : actor ? (
          <p className="text-sm text-amber-800">Your account is suspended, so you cannot comment.</p>
        ) : (
          <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-700">
            <Link href={`/signin?callbackUrl=${encodeURIComponent(`/numbers/${e164}`)}`}>Sign in</Link> to share your experience with this number.
          </p>
        )}
      </div>

      <div className="mt-6">
        {!page.visibility.visible ? (
          <Alert tone="info" testId="comments-privacy">
            {page.visibility.note}
            {page.total > 0 ? ` (${plural(page.total, "comment")} waiting.)` : null}
          </Alert>
        ) : page.threads.length === 0 ? (
          <p className="text-sm text-slate-600">No experiences shared yet.</p>
        ) : (
          <CommentList e164={e164} initialThreads={page.threads} initialNext={page.next} viewer={viewer} />
        )}
      </div>
    </section>
  );
}
