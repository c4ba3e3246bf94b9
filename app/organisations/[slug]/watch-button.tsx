"use client";

import Link from "next/link";
import { FormLink } from "@/components/ui/form-link";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { useMemberView } from "@/components/member/member-view";
import { organisationSubject } from "@/components/member/subjects";
import { buttonClass } from "@/components/ui/button";
import { toggleOrganisationWatchAction } from "./watch-actions";

function Toggle({ watching }: { watching: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-pressed={watching} className={buttonClass(watching ? "secondary" : "primary", "w-full sm:w-auto")} data-testid="watch-organisation">
      <svg aria-hidden="true" viewBox="0 0 20 20" fill={watching ? "currentColor" : "none"} stroke="currentColor" strokeWidth="1.6" className="size-4">
        <path d="M10 2.5a5 5 0 0 0-5 5v3.2L3.5 13.5h13L15 10.7V7.5a5 5 0 0 0-5-5ZM8 15.5a2 2 0 0 0 4 0" />
      </svg>
      {pending ? (watching ? "Stopping…" : "Adding…") : watching ? "Watching" : "Watch this organisation"}
    </button>
  );
}

/**
 * "Watch this organisation" / "Watching" (pressing "Watching" stops watching). Whether they watch it
 * comes from GET /api/me: the page is the same for visitors and members.
 */
export function WatchOrganisationButton({ organisationId, slug, stamp }: { organisationId: string; slug: string; stamp: string }) {
  const [state, action] = useActionState(toggleOrganisationWatchAction, null);
  const mine = useMemberView(organisationSubject(organisationId), stamp)?.organisation;
  if (!mine) {
    return (
      <FormLink href={`/signin?callbackUrl=${encodeURIComponent(`/organisations/${slug}`)}`} className={buttonClass("secondary", "w-full sm:w-auto")} data-visitor-only>
        Sign in to watch this organisation
      </FormLink>
    );
  }
  const current = state?.ok ? state.data.watching : mine.watching;
  return (
    <form action={action} className="flex flex-col gap-1.5 sm:items-start">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="watch" value={current ? "0" : "1"} />
      <Toggle watching={current} />
      {state && !state.ok ? (
        <p role="alert" className="text-sm font-medium text-red-700 sm:max-w-96" data-testid="watch-organisation-error">{state.error}</p>
      ) : state?.ok ? (
        <p role="status" className="text-sm text-emerald-700 sm:max-w-96" data-testid="watch-organisation-status">{state.message}</p>
      ) : null}
    </form>
  );
}

/** "Manage <organisation>" for its representatives and staff (from GET /api/me); otherwise the way to represent it. */
export function ManageOrRepresentLink({ organisationId, slug, name, stamp }: { organisationId: string; slug: string; name: string; stamp: string }) {
  const manages = useMemberView(organisationSubject(organisationId), stamp)?.organisation?.manages ?? false;
  return (
    <p className="text-sm">
      {manages ? (
        <Link href={`/organisations/${slug}/manage`} className="font-semibold">
          Manage {name}
        </Link>
      ) : (
        // Hidden while a member's answer is on its way: it may turn out they manage it.
        <Link href={`/organisations/${slug}/represent`} data-visitor-only>
          Do you work for {name}? Represent it on CallerCheck
        </Link>
      )}
    </p>
  );
}
