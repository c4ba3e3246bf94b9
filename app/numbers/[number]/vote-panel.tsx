import type { Actor } from "@/lib/authz";

// Placeholder owned by the voting work (issue 5): votes on each of the number's claims.
export async function VotePanel({ e164 }: { e164: string; actor: Actor | null }) {
  return (
    <section aria-labelledby="votes-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-e164={e164}>
      <h2 id="votes-heading" className="text-lg font-semibold">Is this number legitimate?</h2>
      <p className="mt-2 text-sm text-slate-600">Voting opens soon.</p>
    </section>
  );
}
