import { writeRoute } from "@/lib/accounts/write-route";
import { formObjectFromJson } from "@/lib/platform/form-data";
import { submitReport } from "@/app/report/submit";

export const dynamic = "force-dynamic";

// POST /api/reports {number, occurredAt, channel, category, askedFor[], …, idempotencyKey[, altcha]}: the
// report form as the browser sends it when JavaScript runs (report-form.tsx). Members file with their
// session; visitors with a solved proof-of-work check. Answers the form's ActionResult (the thank-you's
// facts, or every field's message with a 400); a resubmitted form (same idempotency key) is stored once.
export const POST = writeRoute((input, context) => submitReport(formObjectFromJson(input, ["askedFor"]), context));
