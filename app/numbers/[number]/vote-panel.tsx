import type { Actor } from "@/lib/accounts/authz";
import { listClaimsForMember, listPublicClaimsForNumber } from "@/lib/numbers/public-page";
import { ClaimVote } from "./claim-vote";

/**
 * One vote panel per number: "Is this really <organisation>?" about the organisation the verdict
 * weighs (verified owner or the one callers named), "Is this caller legitimate?" when nobody was named.
 */
export async function VotePanel({ e164, actor, claimId }: { e164: string; actor: Actor | null; claimId: string | null }) {
  const claims = actor ? await listClaimsForMember(e164, actor) : await listPublicClaimsForNumber(e164);
  const claim = claims.find((candidate) => claimId !== null && candidate.id === claimId) ?? claims.find((candidate) => candidate.organisation === null) ?? claims[0];
  const viewer = actor ? (actor.suspendedAt ? "suspended" : "member") : "visitor";
  const question = claim.organisation ? `Is this really ${claim.organisation.name}?` : "Is this caller legitimate?";
  return (
    <section aria-labelledby="votes-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-e164={e164}>
      <h2 id="votes-heading" className="break-words text-lg font-semibold text-slate-900">{question}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {claim.organisation
          ? `Callers from this number said they were ${claim.organisation.name}. Was it really them? Votes from established members count for more, and older votes fade.`
          : "Tell others whether this caller was who they said they were. Votes from established members count for more, and older votes fade."}
      </p>
      <div className="mt-4">
        <ClaimVote claim={claim} e164={e164} viewer={viewer} />
      </div>
      {viewer === "suspended" ? <p className="mt-3 text-sm text-amber-800">Your account is suspended, so you cannot vote.</p> : null}
    </section>
  );
}
