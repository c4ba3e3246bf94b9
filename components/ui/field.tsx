import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

export const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/50 aria-[invalid=true]:border-red-500";

type FieldShellProps = { id: string; label: string; hint?: ReactNode; errors?: string[]; children: ReactNode };

/** Label, control, hint and field errors, wired with aria-describedby so screen readers read the message. */
export function FieldShell({ id, label, hint, errors, children }: FieldShellProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${id}-error`} className="text-sm font-medium text-red-700" data-testid={`${id}-error`}>
      {errors[0]}
    </p>
  );
}

export function describedBy(id: string, hint?: unknown, errors?: string[]) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

type ControlProps = { id: string; label: string; hint?: ReactNode; errors?: string[]; className?: string; name?: string };

/** A labelled control whose hint and first error are announced with it. */
function Field<P extends ControlProps>({ as: Control, id, label, hint, errors, className = "", ...props }: P & { as: "input" | "textarea" }) {
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      <Control
        id={id}
        name={props.name ?? id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={`${inputClass} ${className}`}
        {...props}
      />
    </FieldShell>
  );
}

type InputFieldProps = InputHTMLAttributes<HTMLInputElement> & ControlProps;
export const InputField = (props: InputFieldProps) => <Field as="input" {...props} />;

type TextareaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & ControlProps;
export const TextareaField = (props: TextareaFieldProps) => <Field as="textarea" {...props} />;
