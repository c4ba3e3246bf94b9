"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { signUpAction } from "../actions";

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, null);
  if (state?.ok) return <Alert tone="success" testId="form-success">{state.message}</Alert>;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !state.ok ? <Alert tone="error" testId="form-error">{state.error}</Alert> : null}
      <InputField id="name" label="Display name" autoComplete="nickname" required maxLength={50} hint="Shown next to your reports and comments." defaultValue={state?.values?.name} errors={errors?.name} />
      <InputField id="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state?.values?.email} errors={errors?.email} />
      <InputField id="password" label="Password" type="password" autoComplete="new-password" required hint="At least 10 characters." errors={errors?.password} />
      <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
    </form>
  );
}
