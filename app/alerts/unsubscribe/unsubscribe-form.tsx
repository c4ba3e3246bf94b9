"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button";
import { unsubscribeAction } from "./actions";

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={buttonClass("primary", "w-full sm:w-auto")}>
      {pending ? "Unsubscribing…" : "Unsubscribe"}
    </button>
  );
}

export function UnsubscribeForm({ token }: { token: string }) {
  const [state, action] = useActionState(unsubscribeAction, null);
  if (state?.ok) {
    return <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-900" data-testid="unsubscribed">{state.message}</p>;
  }
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <Submit />
      {state && !state.ok ? <p role="alert" className="text-sm font-medium text-red-700" data-testid="unsubscribe-error">{state.error}</p> : null}
    </form>
  );
}
