"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { deleteAccountAction } from "./actions";

export function DeleteAccountForm({ email }: { email: string }) {
  const [state, action] = useActionState(deleteAccountAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="max-w-lg space-y-4" noValidate>
      {state && !state.ok && !errors?.confirmation ? <Alert tone="error" testId="delete-error">{state.error}</Alert> : null}
      <InputField
        id="confirmation"
        label="Type your e-mail address or DELETE to confirm"
        hint={<>Your e-mail is <span className="font-medium text-slate-700">{email}</span>.</>}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        required
        defaultValue={state?.values?.confirmation}
        errors={errors?.confirmation}
      />
      <SubmitButton variant="danger" className="w-full sm:w-auto" pendingText="Deleting your account…">Delete my account</SubmitButton>
    </form>
  );
}
