"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export function CreateApiKeyForm({ organisations }: { organisations: { id: string; name: string }[] }) {
  const [state, action] = useActionState(createApiKeyAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-4">
      {state?.ok ? (
        <Alert tone="success" testId="new-api-key">
          <p className="font-semibold">Key &ldquo;{state.data.name}&rdquo; created. Copy it now: it will not be shown again.</p>
          <label htmlFor="new-key-value" className="mt-2 block text-sm">Your new key</label>
          <input id="new-key-value" readOnly value={state.data.key} data-testid="new-api-key-value" onFocus={(event) => event.currentTarget.select()} className="mt-1 block w-full rounded border border-emerald-300 bg-white px-2 py-1.5 font-mono text-sm text-slate-900" />
        </Alert>
      ) : null}
      {state && !state.ok && !errors?.name && !errors?.organisationId ? <Alert tone="error" testId="api-key-error">{state.error}</Alert> : null}
      <form action={action} className="max-w-lg space-y-4" noValidate>
        <InputField id="api-key-name" name="name" label="Key name" hint="Say what will use it, such as “Home router blocklist”." maxLength={60} required defaultValue={state && !state.ok ? state.values?.name : ""} errors={errors?.name} />
        {organisations.length ? (
          <div className="space-y-1.5">
            <label htmlFor="api-key-organisation" className="block text-sm font-medium text-slate-800">For an organisation (optional)</label>
            <select id="api-key-organisation" name="organisationId" defaultValue="" className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5" aria-describedby={errors?.organisationId ? "api-key-organisation-error" : undefined}>
              <option value="">Just me</option>
              {organisations.map((organisation) => <option key={organisation.id} value={organisation.id}>{organisation.name}</option>)}
            </select>
            {errors?.organisationId ? <p id="api-key-organisation-error" className="text-sm font-medium text-red-700">{errors.organisationId[0]}</p> : null}
          </div>
        ) : null}
        <SubmitButton className="w-full sm:w-auto" pendingText="Creating…">Create key</SubmitButton>
      </form>
    </div>
  );
}

export function RevokeApiKeyForm({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionState(revokeApiKeyAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <button type="submit" className="w-full rounded-lg border border-red-300 px-3 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 sm:w-auto" aria-label={`Revoke key ${name}`}>
        Revoke
      </button>
    </form>
  );
}
