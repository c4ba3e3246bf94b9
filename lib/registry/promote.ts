import "server-only";
import { refreshListingAfterWrite } from "../feeds/listing";
import { recordAudit } from "../platform/audit";
import { type Actor, assertModerator } from "../accounts/authz";
import { db, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import type { Prisma } from "../generated/prisma/client";
import { reasonField } from "../platform/schema-fields";
import { evidenceSchema, registryEntrySchema, rejectNumberSchema, type EvidenceInput } from "./schema";
import { normalisePhone } from "../numbers/phone";
import { ensurePhoneRow } from "../numbers/number-row";
import { recordRegistryAdded, recordRegistryRemoved } from "../alerts/record";

// The verified registry: VERIFIED claims, each with evidence. Every command here is a moderator's,
// changes the claim, the organisation's verifiedNumberCount and the audit log in one transaction.

const claimSnapshot = {
  id: true,
  e164: true,
  status: true,
  organisationId: true,
  evidenceMethod: true,
  evidenceSource: true,
  reviewAt: true,
  statusReason: true,
  organisation: { select: { name: true, status: true } },
} as const;

type ClaimSnapshot = Prisma.ClaimGetPayload<{ select: typeof claimSnapshot }>;

const snapshot = (claim: ClaimSnapshot) => ({
  status: claim.status,
  e164: claim.e164,
  organisation: claim.organisation?.name ?? null,
  evidenceMethod: claim.evidenceMethod,
  evidenceSource: claim.evidenceSource,
  reviewAt: claim.reviewAt?.toISOString() ?? null,
  statusReason: claim.statusReason,
});

async function lockClaim(tx: Tx, claimId: string): Promise<ClaimSnapshot> {
  // Row lock: two moderators acting on one claim at once are applied one after the other.
  await tx.$queryRaw`SELECT id FROM "Claim" WHERE id = ${claimId} FOR UPDATE`;
  const claim = await tx.claim.findUnique({ where: { id: claimId }, select: claimSnapshot });
  if (!claim) throw new AppError("NOT_FOUND", "That claim no longer exists.");
  return claim;
}

async function adjustVerifiedCount(tx: Tx, organisationId: string | null, by: 1 | -1) {
  if (!organisationId) return;
  await tx.organisation.update({ where: { id: organisationId }, data: { verifiedNumberCount: { increment: by } } });
}

/** Promotes an UNVERIFIED claim that names an organisation into the registry, with evidence. */
async function promoteClaimWrite(actor: Actor | null, claimId: string, evidence: EvidenceInput) {
  assertModerator(actor);
  const input = parseOrThrow(evidenceSchema, evidence);
  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (!claim.organisationId || !claim.organisation) throw new AppError("INVALID", "Only a claim that names an organisation can be promoted.");
    if (claim.organisation.status !== "ACTIVE") throw new AppError("INVALID", "Activate the organisation before promoting its numbers.");
    if (claim.status !== "UNVERIFIED") throw new AppError("CONFLICT", `This claim is already ${claim.status.toLowerCase()}.`);
    const now = new Date();
    const updated = await tx.claim.update({
      where: { id: claimId },
      data: {
        status: "VERIFIED",
        evidenceMethod: input.method,
        evidenceSource: input.source,
        reviewAt: input.reviewAt,
        verifiedById: actor.id,
        verifiedAt: now,
        statusChangedAt: now,
        statusReason: null,
      },
      select: claimSnapshot,
    });
    await adjustVerifiedCount(tx, claim.organisationId, 1);
    await recordRegistryAdded(tx, { e164: claim.e164, organisationId: claim.organisationId, actorId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: "registry.promote", targetType: "Claim", targetId: claimId, reason: input.source, before: snapshot(claim), after: snapshot(updated) });
    return { id: claimId, e164: claim.e164 };
  });
}

function parseNumber(number: string, region?: string) {
  const parsed = normalisePhone(number, region ?? "AU");
  if (!parsed.ok) throw new AppError("INVALID", parsed.error, { number: [parsed.error] });
  return parsed.phone;
}

async function activeOrganisation(tx: Tx, organisationId: string) {
  const org = await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true, status: true } });
  if (!org || org.status === "MERGED") throw new AppError("INVALID", "Choose an existing organisation.", { organisationId: ["Choose an existing organisation."] });
  if (org.status !== "ACTIVE") throw new AppError("INVALID", "Activate the organisation first.", { organisationId: ["Activate the organisation first."] });
  return org;
}

/** Adds a number to an organisation's registry directly (a moderator's own finding). */
async function addRegistryEntryWrite(actor: Actor | null, input: { number: string; region?: string; organisationId: string; evidence: EvidenceInput }) {
  assertModerator(actor);
  // Evidence first, so its field errors keep their own names (method, source, reviewAt).
  const evidence = parseOrThrow(evidenceSchema, input.evidence);
  const data = { ...parseOrThrow(registryEntrySchema.omit({ evidence: true }), input), evidence };
  const phone = parseNumber(data.number, data.region);
  return db.$transaction(async (tx) => {
    await activeOrganisation(tx, data.organisationId);
    await ensurePhoneRow(tx, phone);
    const existing = await tx.claim.findUnique({ where: { e164_organisationKey: { e164: phone.e164, organisationKey: data.organisationId } }, select: { id: true } });
    const before = existing ? await lockClaim(tx, existing.id) : null;
    if (before?.status === "VERIFIED") throw new AppError("CONFLICT", "That number is already in this organisation's registry.");
    const now = new Date();
    const fields = {
      status: "VERIFIED" as const,
      evidenceMethod: data.evidence.method,
      evidenceSource: data.evidence.source,
      reviewAt: data.evidence.reviewAt,
      verifiedById: actor.id,
      verifiedAt: now,
      statusChangedAt: now,
      statusReason: null,
    };
    const claim = before
      ? await tx.claim.update({ where: { id: before.id }, data: fields, select: claimSnapshot })
      : await tx.claim.create({
          data: { ...fields, e164: phone.e164, organisationId: data.organisationId, organisationKey: data.organisationId, source: "MODERATOR", createdById: actor.id },
          select: claimSnapshot,
        });
    await adjustVerifiedCount(tx, data.organisationId, 1);
    await recordRegistryAdded(tx, { e164: phone.e164, organisationId: data.organisationId, actorId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: "registry.add", targetType: "Claim", targetId: claim.id, reason: data.evidence.source, before: before ? snapshot(before) : null, after: snapshot(claim) });
    return { id: claim.id, e164: phone.e164 };
  });
}

/** Takes an entry out of the registry; the feed reports it as REVOKED. */
async function revokeRegistryEntryWrite(actor: Actor | null, claimId: string, reason: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, reason);
  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claim.status !== "VERIFIED") throw new AppError("CONFLICT", "Only a verified registry entry can be revoked.");
    const updated = await tx.claim.update({ where: { id: claimId }, data: { status: "REVOKED", statusReason: why, statusChangedAt: new Date() }, select: claimSnapshot });
    await adjustVerifiedCount(tx, claim.organisationId, -1);
    await recordRegistryRemoved(tx, { e164: claim.e164, organisationId: claim.organisationId, actorId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: "registry.revoke", targetType: "Claim", targetId: claimId, reason: why, before: snapshot(claim), after: snapshot(updated) });
    return { id: claimId, e164: claim.e164 };
  });
}

/** Marks a claim as a known impersonation: the number page then warns. */
async function rejectClaimWrite(actor: Actor | null, claimId: string, reason: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, reason);
  return db.$transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (!claim.organisationId) throw new AppError("INVALID", "Only a claim that names an organisation can be rejected as impersonation.");
    if (claim.status === "REJECTED") throw new AppError("CONFLICT", "This claim is already rejected.");
    const updated = await tx.claim.update({ where: { id: claimId }, data: { status: "REJECTED", statusReason: why, statusChangedAt: new Date() }, select: claimSnapshot });
    if (claim.status === "VERIFIED") await adjustVerifiedCount(tx, claim.organisationId, -1);
    if (claim.status === "VERIFIED") await recordRegistryRemoved(tx, { e164: claim.e164, organisationId: claim.organisationId, actorId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: "claim.reject", targetType: "Claim", targetId: claimId, reason: why, before: snapshot(claim), after: snapshot(updated) });
    return { id: claimId, e164: claim.e164 };
  });
}

/** Rejects "number N is organisation O" by number, creating the claim when nobody has made it yet. */
export async function rejectNumber(actor: Actor | null, input: { number: string; region?: string; organisationId: string; reason: string }) {
  assertModerator(actor);
  const data = parseOrThrow(rejectNumberSchema, input);
  const phone = parseNumber(data.number, data.region);
  const claimId = await db.$transaction(async (tx) => {
    await activeOrganisation(tx, data.organisationId);
    await ensurePhoneRow(tx, phone);
    const claim = await tx.claim.upsert({
      where: { e164_organisationKey: { e164: phone.e164, organisationKey: data.organisationId } },
      create: { e164: phone.e164, organisationId: data.organisationId, organisationKey: data.organisationId, source: "MODERATOR", createdById: actor.id },
      update: {},
      select: { id: true },
    });
    return claim.id;
  });
  return rejectClaim(actor, claimId, data.reason);
}

/** Each registry command, then the number's feed listing (after its transaction committed). */
function withListing<A extends unknown[]>(command: (...args: A) => Promise<{ id: string; e164: string }>) {
  return async (...args: A) => {
    const result = await command(...args);
    await refreshListingAfterWrite(result.e164);
    return result;
  };
}

export const promoteClaim = withListing(promoteClaimWrite);
export const addRegistryEntry = withListing(addRegistryEntryWrite);
export const revokeRegistryEntry = withListing(revokeRegistryEntryWrite);
export const rejectClaim = withListing(rejectClaimWrite);
