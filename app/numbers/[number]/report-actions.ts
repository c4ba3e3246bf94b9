"use server";

import { serverAction } from "@/lib/accounts/action";
import { flagReport } from "@/lib/moderation/report-flags";
import type { ActionResult } from "@/lib/platform/errors";
import { present, single } from "@/lib/platform/form-fields";

/** A member's flag on a report (the number page's latest reports and its pages of older ones). */
export const flagReportAction = serverAction({}, async (form, { actor }): Promise<ActionResult> => {
  const result = await flagReport(actor, { reportId: single(form.reportId), reason: single(form.reason), note: present(form.note) });
  // The page is not rendered again here: the report stays on the flagger's screen with the answer under it
  // (a hidden one is gone from everyone's next request: lib/moderation/report-flags.ts drops the kept pages).
  return { ok: true, data: undefined, message: result.hidden ? "Thanks. The report is now hidden pending review." : "Thanks. Moderators will take a look." };
});
