import "server-only";
import { assertCanManageOrganisation, type Actor } from "../accounts/authz";
import { recordAudit } from "../platform/audit";
import { invalidateAll } from "../platform/data-cache";
import { db, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { normalisePhone, type ParsedPhone } from "../numbers/phone";
import { ensurePhoneRow } from "../numbers/number-row";
import { publishSchema, type PublishInput } from "./schema";
import { EVIDENCE_METHODS } from "../display/labels";
import { recordNumberPublished, recordRegistryRemoved } from "../alerts/record";
import { refreshListingsAfterWrite } from "../feeds/listing";

// Published numbers: a representative puts the organisation's outbound numbers straight into the
// registry as VERIFIED claims with the evidence method PUBLISHED_BY_ORGANISATION. Moderators revoke
// them like any entry (lib/registry/promote.ts). verifiedNumberCount moves in the same transaction, as does the
// watchers' alert (NUMBER_PUBLISHED); after it commits, each number's feed listing (the allow-list, the private
// lookup) is refreshed, as a moderator's registry entry's is.

export type PublishOutcome = { published: string[]; updated: string[] };

/** Parses every line first: one bad line refuses the whole paste and names the line, nothing is written. */
export function parseNumberLines(lines: string[], region: string): { phones: ParsedPhone[]; errors: string[] } {
  const phones: ParsedPhone[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const parsed = normalisePhone(line, region);
    if (!parsed.ok) errors.push(`Line ${index + 1} ("${line.slice(0, 40)}"): ${parsed.error}`);
    else if (!seen.has(parsed.phone.e164)) {
      seen.add(parsed.phone.e164);
      phones.push(parsed.phone);
    }
  });
  return { phones, errors };
}

export async function publishNumbers(actor: Actor | null, input: PublishInput): Promise<PublishOutcome> {
  const data = parseOrThrow(publishSchema, input);
  const who = await assertCanManageOrganisation(actor, data.organisationId);
  const org = await db.organisation.findUnique({ where: { id: data.organisationId }, select: { id: true, name: true, status: true, country: true } });
  if (!org || org.status !== "ACTIVE") throw new AppError("INVALID", "Only a listed organisation can publish numbers.");
  const { phones, errors } = parseNumberLines(data.numbers, data.region ?? org.country ?? "AU");
  if (errors.length) throw new AppError("INVALID", `${errors.length === 1 ? "One line is" : `${errors.length} lines are`} not a phone number we can publish. Nothing was published.`, { numbers: errors });

  const outcome = await db.$transaction(async (tx) => {
    const outcome: PublishOutcome = { published: [], updated: [] };
    for (const phone of phones) {
      const became = await publishOne(tx, who, org, phone, data.label, data.retiresAt);
      outcome[became].push(phone.e164);
    }
    return outcome;
  });
  await refreshListingsAfterWrite([...outcome.published, ...outcome.updated]);
  return outcome;
}

async function publishOne(tx: Tx, actor: Actor, org: { id: string; name: string }, phone: ParsedPhone, label: string | null, retiresAt: Date | null): Promise<"published" | "updated"> {
  await ensurePhoneRow(tx, phone);
  const claim = await tx.claim.upsert({
    where: { e164_organisationKey: { e164: phone.e164, organisationKey: org.id } },
    create: { e164: phone.e164, organisationId: org.id, organisationKey: org.id, source: "REPRESENTATIVE", createdById: actor.id },
    update: {},
    select: { id: true },
  });
  await tx.$queryRaw`SELECT id FROM "Claim" WHERE id = ${claim.id} FOR UPDATE`;
  const before = await tx.claim.findUniqueOrThrow({ where: { id: claim.id }, select: { status: true, evidenceMethod: true, evidenceSource: true, label: true, retiresAt: true } });
  const now = new Date();
  // Read by people on the audit log: words and plain dates, not enum names or timestamps.
  const snapshot = (c: typeof before) => ({
    e164: phone.e164,
    organisation: org.name,
    status: c.status.toLowerCase(),
    evidence: c.evidenceMethod ? EVIDENCE_METHODS[c.evidenceMethod] : null,
    label: c.label,
    retiresOn: c.retiresAt?.toISOString().slice(0, 10) ?? null,
  });
  if (before.status === "VERIFIED") {
    // Already in the registry (perhaps a moderator's entry with its own evidence): only the label and date change.
    const after = await tx.claim.update({ where: { id: claim.id }, data: { label, retiresAt, statusChangedAt: now }, select: { status: true, evidenceMethod: true, evidenceSource: true, label: true, retiresAt: true } });
    await recordAudit(tx, { actorId: actor.id, action: "representative.publish.update", targetType: "Claim", targetId: claim.id, before: snapshot(before), after: snapshot(after) });
    return "updated";
  }
  const after = await tx.claim.update({
    where: { id: claim.id },
    data: {
      status: "VERIFIED",
      evidenceMethod: "PUBLISHED_BY_ORGANISATION",
      evidenceSource: `Published by ${org.name}`,
      verifiedById: actor.id,
      verifiedAt: now,
      statusChangedAt: now,
      statusReason: null,
      reviewAt: retiresAt ?? new Date(now.getTime() + 365 * 86_400_000),
      label,
      retiresAt,
    },
    select: { status: true, evidenceMethod: true, evidenceSource: true, label: true, retiresAt: true },
  });
  await tx.organisation.update({ where: { id: org.id }, data: { verifiedNumberCount: { increment: 1 } }, select: { id: true } });
  await recordNumberPublished(tx, { e164: phone.e164, organisationId: org.id, actorId: actor.id });
  await recordAudit(tx, { actorId: actor.id, action: "representative.publish", targetType: "Claim", targetId: claim.id, before: snapshot(before), after: snapshot(after) });
  return "published";
}

/**
 * Retirement is a sweep, not a query-time filter: a VERIFIED claim whose retiresAt has passed becomes
 * REVOKED ("retired by the organisation on …"), so counters, the feed (which reports the change) and
 * every reader agree. It runs before registry reads (registry page, feed, CSV, organisation and number
 * pages) and costs one indexed UPDATE when nothing is due. Returns how many numbers it retired.
 */
export async function retireDueNumbers(now = new Date()): Promise<number> {
  const due = await db.claim.findMany({ where: { status: "VERIFIED", retiresAt: { lte: now } }, select: { id: true }, take: 500 });
  if (due.length === 0) return 0;
  const retired = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ organisationId: string | null; e164: string }[]>`
      UPDATE "Claim" c SET status = 'REVOKED', "statusChangedAt" = ${now}, "updatedAt" = ${now},
             "statusReason" = 'Retired by ' || o.name || ' on ' || to_char(c."retiresAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD')
        FROM "Organisation" o
       WHERE c.id = ANY(${due.map((d) => d.id)}) AND c.status = 'VERIFIED' AND c."retiresAt" <= ${now} AND o.id = c."organisationId"
       RETURNING c."organisationId", c.e164`;
    const byOrg = new Map<string, number>();
    for (const row of rows) if (row.organisationId) byOrg.set(row.organisationId, (byOrg.get(row.organisationId) ?? 0) + 1);
    for (const [organisationId, n] of byOrg) await tx.organisation.update({ where: { id: organisationId }, data: { verifiedNumberCount: { decrement: n } }, select: { id: true } });
    for (const row of rows) await recordRegistryRemoved(tx, { e164: row.e164, organisationId: row.organisationId, actorId: null });
    return rows.map((row) => row.e164);
  });
  if (retired.length > 0) invalidateAll();
  // Retired numbers leave the allow-list (the feed reports the removal).
  await refreshListingsAfterWrite(retired);
  return retired.length;
}

/** The console's list of the organisation's registry entries, published or not, with retirement dates. */
export async function listOrganisationNumbers(organisationId: string) {
  return db.claim.findMany({
    where: { organisationId, OR: [{ status: "VERIFIED" }, { source: "REPRESENTATIVE", status: "REVOKED" }] },
    orderBy: [{ status: "desc" }, { e164: "asc" }],
    take: 500,
    select: { id: true, e164: true, status: true, evidenceMethod: true, label: true, retiresAt: true, statusReason: true, verifiedAt: true },
  });
}

/** Numbers members reported as claiming the organisation that are not in its registry: the impersonators. */
export async function listUnpublishedClaimedNumbers(organisationId: string, take = 50) {
  return db.claim.findMany({
    where: { organisationId, status: { in: ["UNVERIFIED", "REJECTED"] }, reportCount: { gt: 0 } },
    orderBy: [{ reportCount: "desc" }, { updatedAt: "desc" }],
    take,
    select: { id: true, e164: true, status: true, reportCount: true, legitVotes: true, notLegitVotes: true, updatedAt: true },
  });
}
