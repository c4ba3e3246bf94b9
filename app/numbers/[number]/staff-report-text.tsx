"use client";

import { useMemberView } from "@/components/member/member-view";
import { numberSubject } from "@/components/member/subjects";
import { StaffOnly } from "@/components/member/staff-only";
import { ReportTexts } from "@/components/report-texts";

/**
 * A report's texts where the number's privacy rule hides them: nothing for visitors and members; for staff,
 * the texts their view of the page brings (GET /api/me on the kept copy everyone shares).
 */
export function StaffReportText({ e164, stamp, reportId }: { e164: string; stamp: string; reportId: string }) {
  const view = useMemberView(numberSubject(e164), stamp);
  const texts = view?.number?.staff?.reports[reportId];
  if (!texts || (!texts.body && !texts.callerIdName)) return null;
  return (
    <StaffOnly>
      <ReportTexts body={texts.body} callerIdName={texts.callerIdName} />
    </StaffOnly>
  );
}
