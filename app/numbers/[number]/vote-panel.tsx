import type { Actor } from "@/lib/accounts/authz";
import { listClaimsForNumber } from "@/lib/votes/vote";
import { ClaimVote } from "./claim-vote";

/** Votes on each of the number's claims; a number without a claimed organisation still gets one. */
export async function VotePanel({ e164, actor }: { e164: string; actor: Actor | null }) {
  const claims = await listClaimsForNumber(e164, actor);
  const viewer = actor ? (actor.suspendedAt ? "suspended" : "member") : "visitor";
  return (
    <section aria-labelledby="votes-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-e164={e164}>
      <h2 id="votes-heading" className="text-lg font-semibold text-slate-900">Is this number legitimate?</h2>
      <p className="mt-1 text-sm text-slate-600">
        Tell others whether this caller was who they said they were. Votes from established members count for more, and older votes fade.
      </p>
      <ul className="mt-4 space-y-3">
        {claims.map((claim) => (
          <li key={claim.id ?? "number"}>
            <ClaimVote claim={claim} e164={e164} viewer={viewer} />
          </li>
        ))}
      </ul>
      {viewer === "suspended" ? <p className="mt-3 text-sm text-amber-800">Your account is suspended, so you cannot vote.</p> : null}
    </section>
  );
}
