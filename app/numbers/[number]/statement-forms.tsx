"use client";

import type { ReactNode } from "react";
import { useMemberView } from "@/components/member/member-view";
import { numberSubject } from "@/components/member/subjects";
import { ResultForm } from "@/components/result-form";
import { TextareaField } from "@/components/ui/field";
import { postStatementAction } from "./statement-actions";

/**
 * "What the organisation says": what it said (`children`, the same for everyone), then a representative's
 * "Post statement as <organisation>" forms, one per organisation they speak for on this number (from
 * GET /api/me). Shown when something was `said` or the viewer may say something; the forms keep their
 * place (and their "posted" message) when the first statement appears above them.
 */
export function OrganisationVoiceSection({ e164, stamp, said, children }: { e164: string; stamp: string; said: boolean; children: ReactNode }) {
  const speaksFor = useMemberView(numberSubject(e164), stamp)?.number?.speaksFor ?? [];
  if (!said && speaksFor.length === 0) return null;
  return (
    <section aria-labelledby="org-voice-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="organisation-voice">
      <h2 id="org-voice-heading" className="text-lg font-semibold text-slate-900">
        What the organisation says
      </h2>
      {said ? children : null}
      {speaksFor.map((org) => (
        <div key={org.id} className="mt-4 border-t border-slate-100 pt-4">
          <ResultForm action={postStatementAction} submitLabel={`Post statement as ${org.name}`} pendingText="Posting…" labels={{ body: "Statement" }} testId="statement-form">
            <input type="hidden" name="organisationId" value={org.id} />
            <input type="hidden" name="e164" value={e164} />
            <TextareaField id={`statement-${org.id}`} name="body" label={`Statement as ${org.name} (one per number; posting again replaces it)`} rows={3} maxLength={1000} />
          </ResultForm>
        </div>
      ))}
    </section>
  );
}
