"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { checkCallAction } from "./actions";

/** The public box: a customer checks the reference the caller gave them. */
export function CallCheck({ organisationId, name }: { organisationId: string; name: string }) {
  const [state, action] = useActionState(checkCallAction, null);
  const called = state?.ok ? state.data.called : null;
  return (
    <section aria-labelledby="call-check-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="call-check-heading" className="text-lg font-semibold text-slate-900">
        Did {name} just call you?
      </h2>
      <p className="mt-1 text-sm text-slate-600">If the caller gave you a reference, enter it here. It works once, within an hour of the call.</p>
      <form action={action} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <input type="hidden" name="organisationId" value={organisationId} />
        <div className="sm:w-64">
          <InputField id="reference" label="Reference" autoComplete="off" autoCapitalize="characters" maxLength={20} errors={state && !state.ok ? state.fieldErrors?.reference : undefined} />
        </div>
        <SubmitButton pendingText="Checking…" className="w-full sm:w-auto">
          Check
        </SubmitButton>
      </form>
      <div className="mt-3" aria-live="polite">
        {state && !state.ok && !state.fieldErrors?.reference ? <Alert tone="error" testId="call-check-result">{state.error}</Alert> : null}
        {state?.ok ? (
          <Alert tone={called ? "success" : "warning"} testId="call-check-result">
            {state.message}
          </Alert>
        ) : null}
      </div>
    </section>
  );
}
