"use client";

import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { resetPasswordAction } from "../actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <Alert tone="success" testId="form-success">{state.message}</Alert>
        <Link href="/signin" className="font-semibold">Sign in</Link>
      </div>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state && !state.ok ? (
        <Alert tone="error" testId="form-error">
          {/* The link's own problem (the hidden token field) has no field to sit beside: it is the message. */}
          {errors?.token?.length ? errors.token[0] : state.error}
          {errors?.token?.length || /expired|already used/.test(state.error) ? (
            <>
              {" "}
              <Link href="/forgot-password" className="font-semibold">Send a new reset link</Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <InputField id="password" label="New password" type="password" autoComplete="new-password" required hint="At least 10 characters." errors={errors?.password} />
      <SubmitButton pendingText="Saving…">Set new password</SubmitButton>
    </form>
  );
}
