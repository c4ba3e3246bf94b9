"use client";

import { usePathname } from "next/navigation";
import { useActionState, type ReactNode } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import type { ButtonVariant } from "@/components/ui/button";
import type { ActionResult } from "@/lib/platform/errors";

export type ModerationAction = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * A small moderation form: fields come from the server as children. A failure shows below them
 * (field errors listed by label, since the fields are not rendered here); on success the action
 * redirects back to this page and the layout's Flash confirms it.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  pendingText = "Saving…",
  variant = "primary",
  labels = {},
  className = "space-y-3",
  testId,
}: {
  action: ModerationAction;
  children: ReactNode;
  submitLabel: string;
  pendingText?: string;
  variant?: ButtonVariant;
  labels?: Record<string, string>;
  className?: string;
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const pathname = usePathname();
  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}).filter(([, errors]) => errors?.length) : [];
  return (
    <form action={formAction} className={className} data-testid={testId}>
      <input type="hidden" name="returnTo" value={pathname} />
      {children}
      {state && !state.ok ? (
        <Alert tone="error" testId="action-error">
          {state.error}
          {fieldErrors.length ? (
            <ul className="mt-1 list-disc pl-5">
              {fieldErrors.map(([field, errors]) => (
                <li key={field}>
                  {labels[field] ?? field}: {errors![0]}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {state?.ok && state.message ? (
        <Alert tone="success" testId="action-done">
          {state.message}
        </Alert>
      ) : null}
      <SubmitButton variant={variant} pendingText={pendingText} className="w-full sm:w-auto">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
