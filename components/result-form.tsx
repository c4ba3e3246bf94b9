"use client";

import { useActionState, type ReactNode } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import type { ButtonVariant } from "@/components/ui/button";
import type { ActionResult } from "@/lib/platform/errors";

export type FormAction = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

/** Fields whose every message is listed (a pasted list's per-line errors), not only the first. */
const LIST_EVERY_MESSAGE = new Set(["numbers"]);

/**
 * A form whose fields come from the server as children: a failure is announced below them with every
 * field message listed by label (the fields are not rendered here); success shows the message.
 */
export function ResultForm({
  action,
  children,
  submitLabel,
  pendingText = "Saving…",
  variant,
  labels = {},
  testId,
  className = "space-y-4",
  testIds = { error: "form-error", done: "form-done" },
  noValidate = true,
}: {
  action: FormAction;
  children: ReactNode;
  submitLabel: string;
  pendingText?: string;
  variant?: ButtonVariant;
  labels?: Record<string, string>;
  testId?: string;
  className?: string;
  /** The test ids of the failure and success messages. */
  testIds?: { error: string; done: string };
  /** Leave the browser's own checks off, so the server's messages are the ones shown. */
  noValidate?: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}).filter(([, errors]) => errors?.length) : [];
  return (
    <form action={formAction} className={className} data-testid={testId} noValidate={noValidate}>
      {children}
      {state && !state.ok ? (
        <Alert tone="error" testId={testIds.error}>
          {state.error}
          {fieldErrors.length ? (
            <ul className="mt-1 list-disc pl-5">
              {fieldErrors.flatMap(([field, errors]) =>
                (LIST_EVERY_MESSAGE.has(field) ? errors! : errors!.slice(0, 1)).map((message) => (
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
        <Alert tone="success" testId={testIds.done}>
          {state.message}
        </Alert>
      ) : null}
      <SubmitButton variant={variant} pendingText={pendingText} className="w-full sm:w-auto">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
