"use client";

import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./ui/button";

export function SubmitButton({ children, pendingText, variant = "primary", className = "w-full" }: { children: string; pendingText?: string; variant?: ButtonVariant; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass(variant, className)}>
      {pending ? (pendingText ?? "Working…") : children}
    </button>
  );
}
