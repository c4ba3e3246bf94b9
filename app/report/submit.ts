import "server-only";
import type { ActionContext } from "@/lib/accounts/action";
import type { ActionResult } from "@/lib/platform/errors";
import { single, type FormObject } from "@/lib/platform/form-fields";
import { createAnonymousReport } from "@/lib/reports/anonymous-report";
import { createReport } from "@/lib/reports/report";
import { readableNumber } from "@/lib/numbers/display";

export type ReportSuccess = {
  e164: string;
  display: string;
  duplicate: boolean;
  masked: boolean;
  /** Filed without an account: the thank-you offers one. */
  anonymous: boolean;
  organisation: { slug: string; name: string; proposed: boolean } | null;
};
export type ReportFormState = ActionResult<ReportSuccess> | null;

/**
 * The report form as it came (askedFor as a list) to its command, which parses it once with
 * reportSchema. Signed out, the visitor's solved proof-of-work check stands in for a session (verified
 * on the server, and "complete the check" comes back among the field messages). Shared by the form's
 * route handler (app/api/reports, what the browser sends when JavaScript runs) and its server action
 * (the same form without JavaScript).
 *
 * No revalidatePath: that would render the report page again into the answer. The pages the report
 * changes (its number, its organisation, the home page) are dropped from the caches by tag
 * (lib/reports/report.ts), so the next view of each is fresh.
 */
export async function submitReport(form: FormObject, { actor, address }: ActionContext): Promise<ActionResult<ReportSuccess>> {
  const report = actor ? await createReport(actor, form, { address }) : await createAnonymousReport(form, { address, proofOfWork: single(form.altcha) });
  return {
    ok: true,
    data: {
      e164: report.e164,
      display: readableNumber(report.e164),
      duplicate: report.duplicate,
      masked: report.masked,
      anonymous: !actor,
      organisation: report.organisation ? { slug: report.organisation.slug, name: report.organisation.name, proposed: report.organisation.status === "PROPOSED" } : null,
    },
  };
}
