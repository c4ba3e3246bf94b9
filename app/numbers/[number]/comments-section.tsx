import type { Actor } from "@/lib/accounts/authz";
import { isModerator } from "@/lib/accounts/roles";
import { listComments } from "@/lib/comments/comment";
import { commentsEveryoneSees } from "@/lib/numbers/public-page";
import { plural } from "@/lib/display/format";
import { CommentsBody } from "./comments-body";

/**
 * Experiences on a number: newest threads first, one level of replies, "Show more" past 20. Everyone but
 * staff gets the page everyone shares; staff also read others' hidden comments, so a page rendered for them
 * reads theirs (on the kept copy it comes from GET /api/me). The form and a member's marks are filled in by
 * CommentsBody.
 */
export async function CommentsSection({ e164, actor, stamp }: { e164: string; actor: Actor | null; stamp: string }) {
  const page = isModerator(actor) ? await listComments(e164, actor) : await commentsEveryoneSees(e164, actor !== null);
  return (
    <section aria-labelledby="comments-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-e164={e164}>
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="comments-heading" className="text-lg font-semibold text-slate-900">Experiences</h2>
        {page.total > 0 ? <span className="text-sm text-slate-500">{plural(page.total, "comment")}</span> : null}
      </div>
      <p className="mt-1 text-sm text-slate-600">What happened on the call? What did they know, and what did they ask for? Never post your own or anyone&apos;s personal details.</p>
      <CommentsBody e164={e164} page={page} stamp={stamp} />
    </section>
  );
}
