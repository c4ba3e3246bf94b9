"use client";

import { usePathname } from "next/navigation";
import type { ComponentProps } from "react";
import { ResultForm, type FormAction } from "@/components/result-form";

export type ModerationAction = FormAction;

/**
 * A small moderation form (ResultForm): on success the action redirects back to this page (returnTo)
 * and the layout's Flash confirms it.
 */
export function ActionForm({ children, className = "space-y-3", ...props }: Omit<ComponentProps<typeof ResultForm>, "testIds" | "noValidate">) {
  const pathname = usePathname();
  return (
    <ResultForm {...props} className={className} testIds={{ error: "action-error", done: "action-done" }} noValidate={false}>
      <input type="hidden" name="returnTo" value={pathname} />
      {children}
    </ResultForm>
  );
}
