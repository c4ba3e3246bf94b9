"use client";

import { useActionState, useEffect, useRef, type ReactNode } from "react";
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
  // A field's message that is the form's message already is not listed again under it.
  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}).filter(([, errors]) => errors?.length && !(errors.length === 1 && errors[0] === state.error)) : [];
  // React empties a form once its action has run; after a failure, what was typed is put back (never a password),
  // so a pasted list of 50 numbers is corrected, not typed again. After a success the form stays empty.
  const formRef = useRef<HTMLFormElement>(null);
  const sent = useRef<FormData | null>(null);
  useEffect(() => {
    if (state && !state.ok && formRef.current && sent.current) restoreFields(formRef.current, sent.current);
  }, [state]);
  return (
    <form ref={formRef} action={formAction} onSubmit={(event) => void (sent.current = new FormData(event.currentTarget))} className={className} data-testid={testId} noValidate={noValidate}>
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

/** Puts a submitted form's values back into its fields: text, choices and ticks; never passwords, files or hidden fields. */
function restoreFields(form: HTMLFormElement, data: FormData) {
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) || !element.name) continue;
    const values = data.getAll(element.name).filter((value): value is string => typeof value === "string");
    if (element instanceof HTMLInputElement && (element.type === "checkbox" || element.type === "radio")) element.checked = values.includes(element.value);
    else if (element instanceof HTMLInputElement && ["password", "file", "hidden", "submit", "button"].includes(element.type)) continue;
    else if (values.length) element.value = values[0];
  }
}
