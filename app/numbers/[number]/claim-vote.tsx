"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useMemo, useState } from "react";
import { useFormStatus } from "react-dom";
import { useMemberView } from "@/components/member/member-view";
import { numberSubject } from "@/components/member/subjects";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import type { ClaimForPanel, VotePanelUpdate } from "@/lib/votes/vote";
import type { ActionResult } from "@/lib/platform/errors";
import { formFields, present } from "@/lib/platform/form-fields";
import { sendJson } from "@/lib/platform/send-json";

type Viewer = "visitor" | "member" | "suspended";
type VoteState = ActionResult<VotePanelUpdate> | null;

const legitimateFrom = (value: string | undefined) => (value === "true" ? true : value === "false" ? false : value);

// Votes go to their route handler (app/api/votes), not a server action: a vote is a few statements, and a
// server action would cost Next's page pipeline on top (README "Benchmarks"). The answer is the panel's
// figures after the change, shown at once; the write drops the number's kept pages, so the next view is fresh.
// Casting and withdrawing share one action, so quick clicks are sent and answered in the order made (React
// runs one action state's calls one after another): the panel never ends on an older answer.
const voteAction = (_previous: VoteState, form: FormData) => {
  const { fields } = formFields(form);
  return present(fields.intent) === "withdraw"
    ? sendJson<VotePanelUpdate>("DELETE", "/api/votes", { claimId: present(fields.claimId) })
    : sendJson<VotePanelUpdate>("POST", "/api/votes", { claimId: present(fields.claimId), e164: present(fields.e164), legitimate: legitimateFrom(present(fields.legitimate)) });
};

const STATUS = {
  VERIFIED: { label: "Verified", className: "bg-emerald-100 text-emerald-800 ring-emerald-200" },
  REJECTED: { label: "Known impersonation", className: "bg-red-100 text-red-800 ring-red-200" },
  REVOKED: { label: "Revoked", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  UNVERIFIED: null,
} as const;

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** What members said, in words ("Most members who answered say this isn't X (5 of 6)"); figures one click away. */
function Confidence({ claim }: { claim: ClaimForPanel }) {
  const legit = claim.legitVotes;
  const notLegit = claim.notLegitVotes;
  const total = legit + notLegit;
  if (total === 0) return <p className="text-sm text-slate-600" data-testid="confidence">No votes yet — be the first.</p>;
  const name = claim.organisation?.name;
  const yes = name ? `this is really ${name}` : "this caller is legitimate";
  const no = name ? `this isn't ${name}` : "this caller is not legitimate";
  const who = (count: number) => (total === 1 ? "The one member who answered says" : count === total ? "All members who answered say" : "Most members who answered say");
  const sentence =
    legit > notLegit
      ? `${who(legit)} ${yes} (${legit} of ${total}).`
      : notLegit > legit
        ? `${who(notLegit)} ${no} (${notLegit} of ${total}).`
        : `Members who answered are split: ${legit} say ${name ? "it is them" : "legitimate"}, ${notLegit} say ${name ? "it isn't" : "not legitimate"}.`;
  return (
    <div className="space-y-1.5">
      <div className="flex h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
        <div className="bg-emerald-500" style={{ width: percent(legit / total) }} />
        <div className="bg-red-500" style={{ width: percent(notLegit / total) }} />
      </div>
      <p className="text-sm text-slate-800" data-testid="confidence">{sentence}</p>
      {(legit > notLegit && claim.notLegitBound > claim.legitBound) || (notLegit > legit && claim.legitBound > claim.notLegitBound) ? (
        // Counted by heads one way, weighed by trust the other: say so, or the verdict above reads as a contradiction.
        <p className="text-sm text-slate-700" data-testid="confidence-weighted">
          Weighed by each member&apos;s trust, the answers lean the other way: votes from new accounts count for less.
        </p>
      ) : null}
      <details className="text-xs text-slate-600">
        <summary className="cursor-pointer underline">How is this worked out?</summary>
        <p className="mt-1">
          Votes are weighted by each member&apos;s trust and fade with age. Weighted, we are 95% sure at least {percent(claim.legitBound)} say
          legitimate and at least {percent(claim.notLegitBound)} say not (the Wilson lower bound).
        </p>
        <p className="mt-1">
          The verdict at the top of the page weighs these votes together with people&apos;s reports of their calls, so it can read
          differently from this count.
        </p>
      </details>
    </div>
  );
}

function VoteButton({ value, pressed, describedBy, children, toSignIn = false }: { value: "true" | "false"; pressed: boolean; describedBy?: string; children: string; toSignIn?: boolean }) {
  const { pending } = useFormStatus();
  const tone = value === "true" ? "bg-emerald-600 text-white ring-emerald-600" : "bg-red-600 text-white ring-red-600";
  return (
    <button
      type="submit"
      name={toSignIn ? undefined : "legitimate"}
      value={toSignIn ? undefined : value}
      // aria-disabled, not disabled: a disabled button drops keyboard focus to the page. Quick clicks are safe: the
      // panel's one action state sends them one after another.
      aria-disabled={pending || undefined}
      aria-pressed={pressed}
      aria-describedby={describedBy}
      className={`inline-flex min-h-11 flex-1 items-center justify-center rounded-lg px-4 py-2 text-sm font-semibold ring-1 transition-colors aria-disabled:opacity-60 sm:flex-none ${pressed ? tone : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
    >
      {children}
    </button>
  );
}

export function ClaimVote({ claim: everyone, e164, stamp }: { claim: ClaimForPanel; e164: string; stamp: string }) {
  // The figures are everyone's (the page may be the kept copy visitors get); the member's own vote and
  // whether they may vote come from GET /api/me.
  const view = useMemberView(numberSubject(e164), stamp);
  const viewer: Viewer = !view?.number ? "visitor" : view.viewer.suspended ? "suspended" : "member";
  const rendered = useMemo(() => (view?.number && everyone.id ? { ...everyone, myVote: view.number.votes[everyone.id] ?? null } : everyone), [everyone, view]);
  const [state, action] = useActionState<VoteState, FormData>(voteAction, null);
  // A vote answers with the panel's new figures (not a re-render of the page): the latest answer wins
  // over what the page was rendered with until the page is rendered again or the member's parts are read
  // again (either one has the vote in it).
  const [latest, setLatest] = useState<{ basis: ClaimForPanel; view: typeof view; panel: VotePanelUpdate } | null>(null);
  useEffect(() => {
    if (state?.ok) setLatest({ basis: everyone, view, panel: state.data });
  }, [state]);
  const claim: ClaimForPanel = latest && latest.basis === everyone && latest.view === view ? { ...rendered, ...latest.panel, id: latest.panel.claimId } : rendered;
  const labelId = useId();
  const status = STATUS[claim.status];
  const describedBy = claim.organisation ? labelId : undefined;
  const failure = state && !state.ok ? state.error : null;
  const hidden = (
    <>
      <input type="hidden" name="e164" value={e164} />
      {claim.id ? <input type="hidden" name="claimId" value={claim.id} /> : null}
    </>
  );
  return (
    <article className="space-y-3 rounded-lg border border-slate-200 p-3 sm:p-4" data-testid="claim-vote">
      {claim.organisation || status ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {claim.organisation ? (
            <span id={labelId} className="break-words">
              About <Link href={`/organisations/${claim.organisation.slug}`}>{claim.organisation.name}</Link>
            </span>
          ) : null}
          {status ? <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${status.className}`}>{status.label}</span> : null}
        </div>
      ) : null}
      <p className="text-sm text-slate-800" data-testid="vote-counts">
        <span className="font-semibold text-emerald-700">{claim.legitVotes}</span> legitimate ·{" "}
        <span className="font-semibold text-red-700">{claim.notLegitVotes}</span> not legitimate
      </p>
      <Confidence claim={claim} />
      {viewer === "visitor" ? (
        <form action="/signin" method="get" className="flex flex-wrap gap-2" data-visitor-only>
          <input type="hidden" name="callbackUrl" value={`/numbers/${e164}`} />
          <VoteButton value="true" pressed={false} describedBy={describedBy} toSignIn>Legitimate</VoteButton>
          <VoteButton value="false" pressed={false} describedBy={describedBy} toSignIn>Not legitimate</VoteButton>
          <p className="w-full text-xs text-slate-500">Sign in to vote — you will come straight back here.</p>
        </form>
      ) : viewer === "member" ? (
        <form action={action} className="flex flex-wrap gap-2">
          {hidden}
          <VoteButton value="true" pressed={claim.myVote === true} describedBy={describedBy}>Legitimate</VoteButton>
          <VoteButton value="false" pressed={claim.myVote === false} describedBy={describedBy}>Not legitimate</VoteButton>
        </form>
      ) : null}
      {claim.myVote !== null && claim.id ? (
        <form action={action} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          {hidden}
          <input type="hidden" name="intent" value="withdraw" />
          <p className="font-medium text-slate-900" data-testid="my-vote">Your vote: {claim.myVote ? "Legitimate" : "Not legitimate"}</p>
          {viewer === "member" ? <WithdrawButton /> : null}
        </form>
      ) : null}
      {/* Said aloud once a vote is answered (the figures above change without a page load). */}
      <p className="sr-only" aria-live="polite">
        {state?.ok ? `Vote saved. ${claim.myVote === null ? "Your vote is withdrawn." : `Your vote: ${claim.myVote ? "Legitimate" : "Not legitimate"}.`}` : ""}
      </p>
      {failure ? <Alert tone="error" testId="vote-error">{failure}</Alert> : null}
      {viewer === "suspended" ? <p className="text-sm text-amber-800">Your account is suspended, so you cannot vote.</p> : null}
    </article>
  );
}

function WithdrawButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={buttonClass("ghost", "px-2 py-1 text-sm font-medium underline")}>
      {pending ? "Withdrawing…" : "Withdraw vote"}
    </button>
  );
}
