"use client";

import { useMemberView } from "@/components/member/member-view";
import { organisationSubject } from "@/components/member/subjects";
import { StaffOnlyLabel } from "@/components/member/staff-only-label";

/**
 * A recent report's text where its number's privacy rule hides it: nothing for visitors and members; for
 * staff, the text their view of the page brings (GET /api/me on the kept copy everyone shares).
 */
export function StaffReportText({ organisationId, stamp, reportId }: { organisationId: string; stamp: string; reportId: string }) {
  const view = useMemberView(organisationSubject(organisationId), stamp);
  const body = view?.organisation?.staff?.reports[reportId];
  if (!body) return null;
  return (
    <div className="space-y-1.5" data-testid="staff-report-text">
      <StaffOnlyLabel />
      <p className="whitespace-pre-line break-words text-slate-800">{body}</p>
    </div>
  );
}
