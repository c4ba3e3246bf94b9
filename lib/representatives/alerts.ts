import "server-only";
import { db } from "../platform/db";
import { env } from "../platform/env";
import { logUnexpected } from "../platform/log";
import { sendMail } from "../platform/mail";
import { formatE164 } from "../numbers/phone";

// Alerts for organisations: a member's report that claims the organisation from a number it has not
// published is queued (OrganisationAlert) and its representatives get one e-mail listing the queued
// numbers, at most one an hour per organisation (Organisation.impersonationAlertSentAt). Numbers queued
// inside the hour go out with the next report after it, or when flushAllOrganisationAlerts() runs
// (the alert worker, lib/alerts/worker.ts, calls it every 30 s).

export const ALERT_INTERVAL_MS = 60 * 60_000;

type ReportRef = { id: string; e164: string; duplicate: boolean; organisation: { id: string; status: string } | null };

/** Called after a report is stored. Never throws: an alert must not fail the member's report. */
export async function alertOrganisationAboutReport(report: ReportRef, now = new Date()): Promise<void> {
  try {
    if (report.duplicate || !report.organisation || report.organisation.status !== "ACTIVE") return;
    const organisationId = report.organisation.id;
    const [claim, reps] = await Promise.all([
      db.claim.findUnique({ where: { e164_organisationKey: { e164: report.e164, organisationKey: organisationId } }, select: { status: true } }),
      db.organisationRepresentative.count({ where: { organisationId, status: "ACTIVE" } }),
    ]);
    if (claim?.status === "VERIFIED" || reps === 0) return;
    await db.organisationAlert.create({ data: { organisationId, e164: report.e164, reportId: report.id, createdAt: now } });
    await flushOrganisationAlerts(organisationId, now);
  } catch (error) {
    void logUnexpected(error, { what: "queueing an organisation alert" });
  }
}

/** Sends the organisation's queued alerts if its last e-mail was more than an hour ago. Returns whether it sent. */
export async function flushOrganisationAlerts(organisationId: string, now = new Date()): Promise<boolean> {
  const batch = await db.$transaction(async (tx) => {
    // The conditional update is the once-an-hour gate: of two reports at the same moment, one wins.
    const [org] = await tx.$queryRaw<{ name: string; slug: string }[]>`
      UPDATE "Organisation" SET "impersonationAlertSentAt" = ${now}
       WHERE id = ${organisationId}
         AND ("impersonationAlertSentAt" IS NULL OR "impersonationAlertSentAt" <= ${new Date(now.getTime() - ALERT_INTERVAL_MS)})
         AND EXISTS (SELECT 1 FROM "OrganisationAlert" a WHERE a."organisationId" = ${organisationId} AND a."sentAt" IS NULL)
       RETURNING name, slug`;
    if (!org) return null;
    const pending = await tx.$queryRaw<{ e164: string; n: number }[]>`
      UPDATE "OrganisationAlert" SET "sentAt" = ${now} WHERE "organisationId" = ${organisationId} AND "sentAt" IS NULL RETURNING e164, 1 AS n`;
    const recipients = await tx.organisationRepresentative.findMany({
      where: { organisationId, status: "ACTIVE", user: { deletedAt: null, suspendedAt: null } },
      select: { email: true },
    });
    return { org, numbers: [...new Set(pending.map((p) => p.e164))], recipients: [...new Set(recipients.map((r) => r.email))] };
  });
  if (!batch || batch.recipients.length === 0) return false;
  const base = env.APP_URL.replace(/\/$/, "");
  const lines = batch.numbers.map((e164) => `- ${formatE164(e164).national} (${e164}): ${base}/numbers/${encodeURIComponent(e164)}`);
  const text = [
    `Members reported calls from ${batch.numbers.length === 1 ? "a number" : `${batch.numbers.length} numbers`} claiming to be ${batch.org.name} that ${batch.org.name} has not published on CallerCheck:`,
    "",
    ...lines,
    "",
    `If a number is yours, publish it; if not, someone may be impersonating you. Your console: ${base}/organisations/${batch.org.slug}/manage`,
    "",
    "You get at most one of these e-mails an hour.",
  ].join("\n");
  for (const to of batch.recipients) await sendMail({ to, subject: `CallerCheck: unpublished numbers claiming to be ${batch.org.name}`, text });
  return true;
}

/** For a scheduler: flushes every organisation with queued alerts whose hour has passed. */
export async function flushAllOrganisationAlerts(now = new Date()): Promise<number> {
  const orgs = await db.organisationAlert.groupBy({ by: ["organisationId"], where: { sentAt: null } });
  let sent = 0;
  for (const { organisationId } of orgs) if (await flushOrganisationAlerts(organisationId, now)) sent++;
  return sent;
}
