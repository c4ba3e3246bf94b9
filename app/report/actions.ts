"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/accounts/authz";
import { parseOrThrow, toFailure, type ActionResult } from "@/lib/platform/errors";
import { clientAddress } from "@/lib/platform/rate-limit";
import { createAnonymousReport, parseAnonymousReport } from "@/lib/reports/anonymous-report";
import { createReport } from "@/lib/reports/report";
import { reportSchema } from "@/lib/reports/schema";
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

const field = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
};

export async function createReportAction(_prev: ReportFormState, form: FormData): Promise<ReportFormState> {
  const input = {
    number: field(form, "number") ?? "",
    region: field(form, "region"),
    occurredAt: field(form, "occurredAt"),
    tzOffset: field(form, "tzOffset"),
    channel: field(form, "channel"),
    category: field(form, "category"),
    organisationId: field(form, "organisationId"),
    organisationQuery: field(form, "organisationQuery"),
    proposeOrganisation: field(form, "proposeOrganisation"),
    proposedName: field(form, "proposedName"),
    proposedWebsite: field(form, "proposedWebsite"),
    askedFor: form.getAll("askedFor").filter((v): v is string => typeof v === "string"),
    leftMessage: field(form, "leftMessage"),
    callerIdName: field(form, "callerIdName"),
    body: field(form, "body"),
    idempotencyKey: field(form, "idempotencyKey"),
  };
  try {
    // Signed out: the visitor's solved proof-of-work check stands in for a session (verified on the server).
    const actor = await getActor();
    const proofOfWork = field(form, "altcha");
    if (actor) parseOrThrow(reportSchema, input);
    else parseAnonymousReport(input, proofOfWork);
    const address = await clientAddress();
    const report = actor ? await createReport(actor, input, { address }) : await createAnonymousReport(input, { address, proofOfWork });
    revalidatePath("/numbers/[number]", "page");
    revalidatePath("/");
    if (report.organisation) revalidatePath(`/organisations/${report.organisation.slug}`);
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
  } catch (error) {
    return toFailure(error);
  }
}
