import "server-only";
import type { Tx } from "../platform/db";
import type { AlertEventData, AlertKind } from "./kinds";

// The alerts outbox. Each function is called inside the transaction that makes the change (a report's
// rows are written by its own statement, below), so an alert exists exactly when the change was
// committed; the worker (./worker.ts) drains the rows.

async function record(tx: Tx, kind: AlertKind, target: { e164?: string | null; organisationId?: string | null }, actorId: string | null, data: AlertEventData) {
  await tx.alertEvent.create({ data: { kind, e164: target.e164 ?? null, organisationId: target.organisationId ?? null, actorId, data }, select: { id: true } });
}

async function organisationRef(tx: Tx, organisationId: string) {
  return tx.organisation.findUnique({ where: { id: organisationId }, select: { name: true, slug: true } });
}

// A new report's events ("new report" for the number's watchers; "possible impersonation" for the
// organisation's, on the first report linking a number that is neither verified for it nor one of its
// published contact numbers) are recorded by the report's own statement, callercheck_report
// (prisma/migrations/…_report_function), whichever way lib/reports/report.ts files it.

/** A number entered an organisation's registry (promoted or added by a moderator). */
export async function recordRegistryAdded(tx: Tx, entry: { e164: string; organisationId: string; actorId: string }) {
  const org = await organisationRef(tx, entry.organisationId);
  const data = { e164: entry.e164, organisationName: org?.name, organisationSlug: org?.slug };
  await record(tx, "REGISTRY_ADDED", { e164: entry.e164 }, entry.actorId, data);
  await record(tx, "NUMBER_VERIFIED", { organisationId: entry.organisationId }, entry.actorId, data);
}

/** A number left the registry (revoked, or rejected while verified). */
export async function recordRegistryRemoved(tx: Tx, entry: { e164: string; organisationId: string | null; actorId: string | null }) {
  const org = entry.organisationId ? await organisationRef(tx, entry.organisationId) : null;
  await record(tx, "REGISTRY_REMOVED", { e164: entry.e164 }, entry.actorId, { e164: entry.e164, organisationName: org?.name, organisationSlug: org?.slug });
}

/** An organisation published an outbound number itself (for the representatives' publishing command). */
export async function recordNumberPublished(tx: Tx, entry: { e164: string; organisationId: string; actorId: string | null }) {
  const org = await organisationRef(tx, entry.organisationId);
  await record(tx, "NUMBER_PUBLISHED", { organisationId: entry.organisationId }, entry.actorId, { e164: entry.e164, organisationName: org?.name, organisationSlug: org?.slug });
}

/** The free-text policy a moderator edits and the structured one a representative saves ("Save policy"). */
const POLICY_FIELDS = [
  "policyCallsFrom",
  "policyMayAsk",
  "policyNeverAsks",
  "policyHowToVerify",
  "policyListedNumbersOnly",
  "policyVoicemailNamesListed",
  "policyAsksPassword",
  "policyAsksSecurityAnswers",
  "policyAsksOneTimeCode",
  "policyAsksCardDetails",
  "policyVerifyCallBack",
  "policyVerifyReference",
  "policyUrl",
] as const;

/** An organisation's official callback number or calling policy changed (given before/after values). */
export async function recordOrganisationChanges(tx: Tx, organisationId: string, actorId: string, before: Record<string, unknown>, after: Record<string, unknown>) {
  const org = await organisationRef(tx, organisationId);
  const base = { organisationName: org?.name, organisationSlug: org?.slug };
  if ("officialPhone" in after && (before.officialPhone ?? null) !== (after.officialPhone ?? null)) {
    await record(tx, "CONTACT_CHANGED", { organisationId }, actorId, { ...base, from: (before.officialPhone as string | null) ?? null, to: (after.officialPhone as string | null) ?? null });
  }
  const fields = POLICY_FIELDS.filter((field) => field in after && (before[field] ?? null) !== (after[field] ?? null));
  if (fields.length > 0) await record(tx, "POLICY_CHANGED", { organisationId }, actorId, { ...base, fields: [...fields] });
}
