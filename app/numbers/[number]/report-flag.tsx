"use client";

import { useActionState, useId, useState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert } from "@/components/ui/alert";
import { inputClass } from "@/components/ui/field";
import { useMemberView } from "@/components/member/member-view";
import { numberSubject } from "@/components/member/subjects";
import { FLAG_REASONS } from "@/lib/comments/limits";
import { flagReportAction } from "./report-actions";

const linkButton = "rounded px-1 py-0.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900";

/**
 * "Flag" under a report, for someone signed in (filled in from their view of the page, so visitors' kept copy
 * has none): it sends the report to the moderators' flag queue. Who may flag, and what a flag does, is the
 * server's to say (lib/moderation/report-flags.ts): its answer is shown here.
 */
export function ReportFlag({ e164, stamp, reportId }: { e164: string; stamp: string; reportId: string }) {
  const view = useMemberView(numberSubject(e164), stamp);
  const [open, setOpen] = useState(false);
  if (!view || view.viewer.suspended) return null;
  return (
    <div className="space-y-2" data-testid="report-flag">
      <button type="button" className={`-mx-1 ${linkButton}`} aria-expanded={open} onClick={() => setOpen((current) => !current)}>
        Flag
      </button>
      {open ? <ReportFlagForm reportId={reportId} /> : null}
    </div>
  );
}

function ReportFlagForm({ reportId }: { reportId: string }) {
  const [state, action] = useActionState(flagReportAction, null);
  const id = useId();
  if (state?.ok) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="space-y-2 rounded-lg bg-slate-50 p-3">
      <input type="hidden" name="reportId" value={reportId} />
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">Why should moderators look at this report?</label>
      <select id={id} name="reason" className={inputClass} defaultValue="SPAM">
        {Object.entries(FLAG_REASONS).map(([value, label]) => (
          <option key={value} value={value}>{label}</option>
        ))}
      </select>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <SubmitButton variant="secondary" pendingText="Flagging…" className="w-auto">Flag report</SubmitButton>
    </form>
  );
}
