"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { resendConfirmationAction } from "./actions";

export function ResendConfirmation() {
  const [state, action] = useActionState(resendConfirmationAction, null);
  return (
    <form action={action} className="mt-3 flex flex-wrap items-center gap-3">
      <SubmitButton variant="secondary" className="" pendingText="Sending…">Send a new confirmation link</SubmitButton>
      {state ? <p role="status" className={state.ok ? "text-emerald-700" : "text-red-700"}>{state.ok ? state.message : state.error}</p> : null}
    </form>
  );
}
