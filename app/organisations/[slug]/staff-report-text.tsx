"use client";

import { useMemberView } from "@/components/member/member-view";
import { organisationSubject } from "@/components/member/subjects";
import { StaffOnly } from "@/components/member/staff-only";
import { ReportTexts } from "@/components/report-texts";

/**
 * A recent report's text where its number's privacy rule hides it: nothing for visitors and members; for
 * staff, the text their view of the page brings (GET /api/me on the kept copy everyone shares).
 */
export function StaffReportText({ organisationId, stamp, reportId }: { organisationId: string; stamp: string; reportId: string }) {
  const view = useMemberView(organisationSubject(organisationId), stamp);
  const body = view?.organisation?.staff?.reports[reportId];
  if (!body) return null;
  return (
    <StaffOnly>
      <ReportTexts body={body} />
    </StaffOnly>
  );
}
