import type { ClaimForPanel } from "@/lib/votes/vote";
import { ClaimVote } from "./claim-vote";

/**
 * One vote panel per number: "Is this really <organisation>?" about the organisation the verdict
 * weighs (verified owner or the one callers named), "Is this caller legitimate?" when nobody was named.
 * The figures are everyone's; a member's own vote is filled in by ClaimVote.
 */
export function VotePanel({ e164, claims, claimId, stamp }: { e164: string; claims: ClaimForPanel[]; claimId: string | null; stamp: string }) {
  const claim = claims.find((candidate) => claimId !== null && candidate.id === claimId) ?? claims.find((candidate) => candidate.organisation === null) ?? claims[0];
  const question = claim.organisation ? `Is this really ${claim.organisation.name}?` : "Is this caller legitimate?";
  return (
    <section aria-labelledby="votes-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-e164={e164}>
      <h2 id="votes-heading" className="break-words text-lg font-semibold text-slate-900">{question}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {claim.organisation && claim.status === "VERIFIED"
          ? `This number is in the registry as ${claim.organisation.name}'s. Was your call really from them? Scammers can fake a verified number's caller ID. Votes from established members count for more, and older votes fade.`
          : claim.organisation
          ? `Callers from this number said they were ${claim.organisation.name}. Was it really them? Votes from established members count for more, and older votes fade.`
          : "Tell others whether this caller was who they said they were. Votes from established members count for more, and older votes fade."}
      </p>
      <div className="mt-4">
        <ClaimVote claim={claim} e164={e164} stamp={stamp} />
      </div>
    </section>
  );
}
