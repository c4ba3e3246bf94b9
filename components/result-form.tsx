"use client";

import { useActionState, type ReactNode } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/platform/errors";

export type FormAction = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * A form whose fields come from the server as children: a failure is announced below them with every
 * field message listed by label (a pasted list's per-line errors included); success shows the message.
 */
export function ResultForm({
  action,
  children,
  submitLabel,
  pendingText = "Saving…",
  labels = {},
  testId,
  className = "space-y-4",
}: {
  action: FormAction;
  children: ReactNode;
  submitLabel: string;
  pendingText?: string;
  labels?: Record<string, string>;
  testId?: string;
  className?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}).filter(([, errors]) => errors?.length) : [];
  return (
    <form action={formAction} className={className} data-testid={testId} noValidate>
      {children}
      {state && !state.ok ? (
        <Alert tone="error" testId="form-error">
          {state.error}
          {fieldErrors.length ? (
            <ul className="mt-1 list-disc pl-5">
              {fieldErrors.flatMap(([field, errors]) =>
                (field === "numbers" ? errors! : errors!.slice(0, 1)).map((message) => (
                  <li key={`${field}-${message}`}>
                    {labels[field] ? `${labels[field]}: ` : ""}
                    {message}
                  </li>
                )),
              )}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {state?.ok && state.message ? (
        <Alert tone="success" testId="form-done">
          {state.message}
        </Alert>
      ) : null}
      <SubmitButton pendingText={pendingText} className="w-full sm:w-auto">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
