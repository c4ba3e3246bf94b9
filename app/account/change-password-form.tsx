"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { InputField } from "@/components/ui/field";
import { changePasswordAction } from "./actions";

/**
 * Current password, then the new one: the server checks both (lib/accounts/sign-up.ts `changePassword`). Success
 * reloads the account page with ?password=changed, which says so (the action redirects: see changePasswordAction).
 */
export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="max-w-lg space-y-4" noValidate aria-label="Change password">
      {state && !state.ok && !errors?.current && !errors?.password ? <Alert tone="error" testId="password-error">{state.error}</Alert> : null}
      {/* For password managers: the account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <InputField id="current-password" name="current" type="password" label="Current password" autoComplete="current-password" required errors={errors?.current} />
      <InputField
        id="new-password"
        name="password"
        type="password"
        label="New password"
        hint="At least 10 characters, and not a common password."
        autoComplete="new-password"
        required
        errors={errors?.password}
      />
      <SubmitButton variant="secondary" className="w-full sm:w-auto" pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}
