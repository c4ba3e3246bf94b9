"use server";

import { serverAction } from "@/lib/accounts/action";
import type { ActionResult } from "@/lib/platform/errors";
import { submitReport, type ReportSuccess } from "./submit";

/** The report form without JavaScript (with it, the form sends the same fields to app/api/reports). */
export const createReportAction = serverAction({ arrays: ["askedFor"] }, (form, context): Promise<ActionResult<ReportSuccess>> => submitReport(form, context));
