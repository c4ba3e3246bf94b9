"use client";

import { useActionState, useId } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button";
import { ALERT_MODE_LABELS, type AlertModeKey } from "@/lib/alerts/kinds";
import { setAlertsPausedAction, setWatchAlertModeAction } from "./alert-actions";

function Submit({ label, pendingLabel, variant = "secondary" }: { label: string; pendingLabel: string; variant?: "primary" | "secondary" }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={buttonClass(variant, "w-full sm:w-auto")}>
      {pending ? pendingLabel : label}
    </button>
  );
}

function Outcome({ state, testId }: { state: Awaited<ReturnType<typeof setWatchAlertModeAction>> | null; testId: string }) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="text-sm text-emerald-700" data-testid={`${testId}-status`}>{state.message}</p>
  ) : (
    <p role="alert" className="text-sm font-medium text-red-700" data-testid={`${testId}-error`}>{state.error}</p>
  );
}

/** One watch's e-mail choice: At once / Daily digest / No e-mail. */
export function WatchModeForm({ watchKey, label, mode }: { watchKey: string; label: string; mode: AlertModeKey }) {
  const [state, action] = useActionState(setWatchAlertModeAction, null);
  const id = useId();
  return (
    <form action={action} className="flex flex-col gap-1.5 sm:items-end">
      <input type="hidden" name="watchKey" value={watchKey} />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor={id} className="sr-only">E-mail for {label}</label>
        <select id={id} name="mode" defaultValue={mode} className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm" data-testid="alert-mode">
          {(Object.keys(ALERT_MODE_LABELS) as AlertModeKey[]).map((key) => (
            <option key={key} value={key}>{ALERT_MODE_LABELS[key]}</option>
          ))}
        </select>
        <Submit label="Save" pendingLabel="Saving…" />
      </div>
      <Outcome state={state} testId="alert-mode" />
    </form>
  );
}

export function PauseAlertsForm({ paused }: { paused: boolean }) {
  const [state, action] = useActionState(setAlertsPausedAction, null);
  return (
    <form action={action} className="flex flex-col gap-1.5">
      <input type="hidden" name="paused" value={paused ? "0" : "1"} />
      <Submit label={paused ? "Resume e-mail" : "Pause all e-mail"} pendingLabel="Saving…" variant={paused ? "primary" : "secondary"} />
      <Outcome state={state} testId="pause-alerts" />
    </form>
  );
}
