"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { forgotPasswordAction } from "../actions";

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPasswordAction, null);
  if (state?.ok) return <Alert tone="success" testId="form-success">{state.message}</Alert>;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !state.ok ? <Alert tone="error" testId="form-error">{state.error}</Alert> : null}
      <InputField id="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state?.values?.email} errors={errors?.email} />
      <SubmitButton pendingText="Sending…">Send reset link</SubmitButton>
    </form>
  );
}
