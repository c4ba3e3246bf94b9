"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ActionForm } from "./action-form";
import { revokeAction } from "./actions";

/** "Revoke" opens a small form that asks for the reason before anything changes. */
export function RevokeButton({ claimId, label }: { claimId: string; label: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)} aria-label={`Revoke ${label}`}>
        Revoke
      </Button>
    );
  }
  return (
    <ActionForm action={revokeAction} submitLabel="Confirm revoke" variant="danger" labels={{ reason: "Reason" }} className="w-full space-y-2 sm:w-80">
      <input type="hidden" name="claimId" value={claimId} />
      <label htmlFor={`revoke-${claimId}`} className="block text-sm font-medium text-slate-800">
        Reason
      </label>
      <input
        id={`revoke-${claimId}`}
        name="reason"
        required
        minLength={3}
        maxLength={500}
        autoFocus
        className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/50"
      />
      <button type="button" onClick={() => setOpen(false)} className="mr-3 text-sm font-medium text-slate-600 hover:underline">
        Cancel
      </button>
    </ActionForm>
  );
}
