import type { ReactNode } from "react";

/** A text the page shows only to staff, marked so (others see that it is held back, not what it says). */
export function StaffOnly({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-1.5" data-testid="staff-report-text">
      <p className="text-xs font-semibold uppercase tracking-wide text-amber-800">Hidden from others · shown to staff</p>
      {children}
    </div>
  );
}
