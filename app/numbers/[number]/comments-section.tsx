import type { Actor } from "@/lib/accounts/authz";
import { isModerator } from "@/lib/accounts/roles";
import { listComments } from "@/lib/comments/comment";
import { listPublicComments, membersReadCache } from "@/lib/numbers/public-page";
import { plural } from "@/lib/display/format";
import { listOrganisationsSpeakingOn } from "@/lib/representatives/representation";
import { CommentsBody } from "./comments-body";

/**
 * Experiences on a number: newest threads first, one level of replies, "Show more" past 20. Everyone but
 * staff gets the page everyone shares (a member's form and marks are filled in by CommentsBody); staff
 * also read others' hidden comments, so theirs is read and rendered for them.
 */
export async function CommentsSection({ e164, actor, stamp }: { e164: string; actor: Actor | null; stamp: string }) {
  const staff = isModerator(actor);
  // With read replicas a signed-in member reads the primary, so their own new comment is on it.
  const page = staff ? await listComments(e164, actor) : !actor || membersReadCache() ? await listPublicComments(e164) : await listComments(e164, null);
  const removed = !page.visibility.visible && page.visibility.reason === "REMOVED";
  const staffViewer = staff && actor ? { signedIn: true, canWrite: !actor.suspendedAt && !removed, isModerator: true, speaksFor: !actor.suspendedAt && !removed ? await listOrganisationsSpeakingOn(actor.id, e164) : [] } : null;
  return (
    <section aria-labelledby="comments-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-e164={e164}>
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="comments-heading" className="text-lg font-semibold text-slate-900">Experiences</h2>
        {page.total > 0 ? <span className="text-sm text-slate-500">{plural(page.total, "comment")}</span> : null}
      </div>
      <p className="mt-1 text-sm text-slate-600">What happened on the call? What did they know, and what did they ask for? Never post your own or anyone&apos;s personal details.</p>
      <CommentsBody e164={e164} page={page} staffViewer={staffViewer} stamp={stamp} />
    </section>
  );
}
