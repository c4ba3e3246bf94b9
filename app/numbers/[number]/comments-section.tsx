import type { Actor } from "@/lib/authz";

// Placeholder owned by the comments work (issue 6): experiences, replies, flags.
export async function CommentsSection({ e164 }: { e164: string; actor: Actor | null }) {
  return (
    <section aria-labelledby="comments-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-e164={e164}>
      <h2 id="comments-heading" className="text-lg font-semibold">Experiences</h2>
      <p className="mt-2 text-sm text-slate-600">Comments open soon.</p>
    </section>
  );
}
