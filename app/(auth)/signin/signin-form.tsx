"use client";

import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { signInAction } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !state.ok ? <Alert tone="error" testId="form-error">{state.error}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <InputField id="email" label="E-mail" type="email" autoComplete="email" required defaultValue={state?.values?.email} errors={errors?.email} />
      <InputField id="password" label="Password" type="password" autoComplete="current-password" required errors={errors?.password} />
      <div className="text-right text-sm">
        <Link href="/forgot-password">Forgot your password?</Link>
      </div>
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
