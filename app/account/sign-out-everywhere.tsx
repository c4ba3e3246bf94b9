"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { signOutEverywhereAction } from "./actions";

export function SignOutEverywhere() {
  const [state, action] = useActionState(signOutEverywhereAction, null);
  return (
    <form action={action} className="mt-4 flex flex-wrap items-center gap-3">
      <SubmitButton variant="secondary" className="w-full sm:w-auto" pendingText="Signing out…">Sign out of all devices</SubmitButton>
      {state && !state.ok ? <p role="alert" className="text-sm text-red-700">{state.error}</p> : null}
    </form>
  );
}
