"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/platform/errors";

type ButtonAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** A form that is one button (resend the confirmation link, sign out everywhere); its answer shows beside it. */
export function ButtonForm({ action, label, pendingText, className = "mt-3" }: { action: ButtonAction; label: string; pendingText: string; className?: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={`${className} flex flex-wrap items-center gap-3`}>
      <SubmitButton variant="secondary" className="w-full sm:w-auto" pendingText={pendingText}>
        {label}
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      {state?.ok && state.message ? (
        <p role="status" className="text-sm text-emerald-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
