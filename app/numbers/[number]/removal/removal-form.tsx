"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { InputField, TextareaField } from "@/components/ui/field";
import { requestRemovalAction } from "./actions";

export function RemovalForm({ e164 }: { e164: string }) {
  const [state, action] = useActionState(requestRemovalAction, null);
  if (state?.ok) {
    return (
      <Alert tone="success" testId="removal-sent">
        {state.message}
      </Alert>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !state.ok ? <Alert tone="error" testId="form-error">{state.error}</Alert> : null}
      <input type="hidden" name="e164" value={e164} />
      <InputField id="name" label="Your name" autoComplete="name" required maxLength={100} defaultValue={state?.values?.name} errors={errors?.name} />
      <InputField id="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state?.values?.email} errors={errors?.email} hint="We only use it to reply to this request." />
      <TextareaField
        id="reason"
        label="Reason"
        required
        rows={5}
        maxLength={2000}
        defaultValue={state?.values?.reason}
        errors={errors?.reason}
        hint="For example: this is my personal mobile, and the reports are about someone else."
      />
      <SubmitButton pendingText="Sending…">Send request</SubmitButton>
    </form>
  );
}
