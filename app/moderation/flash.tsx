"use client";

import { useSearchParams } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { formatE164 } from "@/lib/numbers/phone";

// Actions redirect back with ?done=<key>&n=<number>: the item they acted on has usually left its
// queue by then, so the confirmation lives here rather than beside the item's form.
const MESSAGES: Record<string, (number: string) => string> = {
  promoted: (n) => `Promoted ${n} into the registry.`,
  added: (n) => `Added ${n} to the registry.`,
  revoked: (n) => `Revoked ${n}: it is no longer in the registry.`,
  rejected: (n) => `Rejected: ${n} is now marked as a known impersonation.`,
  hide: () => "Hidden, and its flags upheld.",
  restore: () => "Restored.",
  dismiss: () => "Flags dismissed.",
  alert: () => "Alert resolved.",
  activated: () => "Activated: it is now a listed organisation.",
  saved: () => "Saved.",
  merged: () => "Merged: its claims and reports now belong to the organisation you chose.",
  approved: (n) => `Approved: comments and report texts on ${n} are now hidden.`,
  "removal-rejected": () => "Removal request rejected.",
  suspend: () => "Suspended.",
  unsuspend: () => "Suspension lifted.",
  role: () => "Role changed.",
};

export function Flash() {
  const params = useSearchParams();
  const message = MESSAGES[params.get("done") ?? ""];
  if (!message) return null;
  const raw = params.get("n") ?? "";
  const number = /^\+\d{6,15}$/.test(raw) ? formatE164(raw).national : "the number";
  return (
    <div className="mb-6">
      <Alert tone="success" testId="action-done">
        {message(number)}
      </Alert>
    </div>
  );
}
