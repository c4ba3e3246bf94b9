"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button";
import { toggleWatchAction } from "./actions";

function ToggleButton({ watching, label, className }: { watching: boolean; label?: string; className: string }) {
  const { pending } = useFormStatus();
  const text = pending ? (watching ? "Stopping…" : "Adding…") : watching ? "Stop watching" : "Watch this number";
  return (
    <button type="submit" disabled={pending} aria-label={label && !pending ? `${text} ${label}` : undefined} className={buttonClass("secondary", className)}>
      <svg aria-hidden="true" viewBox="0 0 20 20" fill={watching ? "currentColor" : "none"} stroke="currentColor" strokeWidth="1.6" className="size-4">
        <path d="M1.5 10S4.5 4 10 4s8.5 6 8.5 6-3 6-8.5 6-8.5-6-8.5-6Z" />
        <circle cx="10" cy="10" r="2.5" fill={watching ? "white" : "none"} />
      </svg>
      {text}
    </button>
  );
}

/**
 * Watch / stop watching one number. `label` names the number in the button's accessible name where
 * several buttons share a page (the account page's list).
 */
export function WatchToggle({ e164, watching, label, className = "w-full sm:w-auto", showMessage = true }: { e164: string; watching: boolean; label?: string; className?: string; showMessage?: boolean }) {
  const [state, action] = useActionState(toggleWatchAction, null);
  const current = state?.ok ? state.data.watching : watching;
  return (
    <form action={action} className="flex flex-col gap-1.5 sm:items-end">
      <input type="hidden" name="e164" value={e164} />
      <input type="hidden" name="watch" value={current ? "0" : "1"} />
      <ToggleButton watching={current} label={label} className={className} />
      {state && !state.ok ? (
        <p role="alert" className="text-sm font-medium text-red-700 sm:max-w-64 sm:text-right" data-testid="watch-error">{state.error}</p>
      ) : state?.ok && showMessage ? (
        <p role="status" className="text-sm text-emerald-700 sm:max-w-64 sm:text-right" data-testid="watch-status">{state.message}</p>
      ) : null}
    </form>
  );
}
