import "server-only";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { assertCanManageOrganisation, type Actor } from "../accounts/authz";
import { recordAudit } from "../platform/audit";
import { db } from "../platform/db";
import { AppError, isUniqueViolation, parseOrThrow } from "../platform/errors";
import { consumeLimit } from "../platform/rate-limit";
import { normalisePhone } from "../numbers/phone";
import { apiKeySchema, checkCallSchema, recordCallSchema } from "./schema";

// "Did we just call you?": the organisation records an outbound call (the number it called from) and
// reads a short reference to the customer, who checks it on the organisation page. A reference is
// stored only as a hash, works once, expires after an hour, and checking is rate-limited per address
// and per organisation, so guessing 31^6 codes is hopeless.

export const CALL_TTL_MINUTES = 60;
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I/L: read out over the phone
const REFERENCE_LENGTH = 6;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const referenceHash = (organisationId: string, reference: string) => sha256(`${organisationId}:${reference}`);
const newReference = () => Array.from({ length: REFERENCE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

export type RecordedCallOut = { reference: string; from: string; expiresAt: Date };

async function storeCall(organisationId: string, fromE164: string, by: { createdById?: string; apiKeyId?: string }): Promise<{ id: string } & RecordedCallOut> {
  const expiresAt = new Date(Date.now() + CALL_TTL_MINUTES * 60_000);
  for (let attempt = 1; ; attempt++) {
    const reference = newReference();
    try {
      const row = await db.recordedCall.create({ data: { organisationId, fromE164, referenceHash: referenceHash(organisationId, reference), expiresAt, ...by }, select: { id: true } });
      return { id: row.id, reference, from: fromE164, expiresAt };
    } catch (error) {
      if (isUniqueViolation(error) && attempt < 5) continue;
      throw error;
    }
  }
}

function parseFrom(from: string, region: string) {
  const parsed = normalisePhone(from, region);
  if (!parsed.ok) throw new AppError("INVALID", parsed.error, { from: [parsed.error] });
  return parsed.phone.e164;
}

/** "Record a call" in the console. */
export async function recordCall(actor: Actor | null, input: { organisationId: string; from: string; region?: string }): Promise<RecordedCallOut> {
  const data = parseOrThrow(recordCallSchema, input);
  const who = await assertCanManageOrganisation(actor, data.organisationId);
  const org = await db.organisation.findUnique({ where: { id: data.organisationId }, select: { country: true, status: true } });
  if (!org || org.status !== "ACTIVE") throw new AppError("NOT_FOUND", "That organisation is not listed.");
  const e164 = parseFrom(data.from, data.region ?? org.country ?? "AU");
  await consumeLimit("call-record", data.organisationId, "This organisation has recorded too many calls this hour");
  const call = await storeCall(data.organisationId, e164, { createdById: who.id });
  return { reference: call.reference, from: call.from, expiresAt: call.expiresAt };
}

/** The organisation's systems: POST /api/v1/organisations/{slug}/calls with its API key. */
export async function recordCallWithApiKey(apiKey: string | null, slug: string, input: { from?: unknown; region?: unknown }): Promise<RecordedCallOut> {
  if (!apiKey || apiKey.length > 200) throw new AppError("UNAUTHENTICATED", "Send the organisation's API key as 'Authorization: Bearer <key>'.");
  const key = await db.organisationApiKey.findUnique({ where: { keyHash: sha256(apiKey) }, select: { id: true, revokedAt: true, organisation: { select: { id: true, slug: true, status: true, country: true } } } });
  if (!key || key.revokedAt) throw new AppError("UNAUTHENTICATED", "That API key is not valid.");
  if (key.organisation.slug !== slug || key.organisation.status !== "ACTIVE") throw new AppError("FORBIDDEN", "That API key belongs to another organisation.");
  const data = parseOrThrow(recordCallSchema, { organisationId: key.organisation.id, from: input.from, region: input.region });
  const e164 = parseFrom(data.from, data.region ?? key.organisation.country ?? "AU");
  await consumeLimit("call-record", key.organisation.id, "This organisation has recorded too many calls this hour");
  const call = await storeCall(key.organisation.id, e164, { apiKeyId: key.id });
  await db.organisationApiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() }, select: { id: true } });
  return { reference: call.reference, from: call.from, expiresAt: call.expiresAt };
}

export type CallCheck = { called: true; from: string; calledAt: Date } | { called: false };

/**
 * The customer's check. Unknown, used and expired references give the same answer. Rate-limited per
 * address and per organisation before the lookup; a match is spent atomically, so it works once.
 */
export async function checkCall(input: { organisationId: string; reference: string }, options: { address: string; now?: Date }): Promise<CallCheck> {
  const data = parseOrThrow(checkCallSchema, input);
  await consumeLimit("call-check", `${options.address}`, "Too many reference checks from your connection");
  await consumeLimit("call-check-organisation", data.organisationId, "Too many reference checks for this organisation");
  const now = options.now ?? new Date();
  const hash = referenceHash(data.organisationId, data.reference);
  const rows = await db.$queryRaw<{ fromE164: string; createdAt: Date }[]>`
    UPDATE "RecordedCall" SET "usedAt" = ${now}
     WHERE "referenceHash" = ${hash} AND "organisationId" = ${data.organisationId} AND "usedAt" IS NULL AND "expiresAt" > ${now}
     RETURNING "fromE164", "createdAt"`;
  return rows[0] ? { called: true, from: rows[0].fromE164, calledAt: rows[0].createdAt } : { called: false };
}

export async function listRecentCalls(organisationId: string, take = 20) {
  return db.recordedCall.findMany({
    where: { organisationId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, fromE164: true, createdAt: true, expiresAt: true, usedAt: true, createdBy: { select: { name: true } }, apiKey: { select: { name: true } } },
  });
}

/** A new API key for the organisation's systems; the key itself is shown once and only its hash kept. */
export async function createApiKey(actor: Actor | null, input: { organisationId: string; name: string }): Promise<{ id: string; key: string }> {
  const data = parseOrThrow(apiKeySchema, input);
  const who = await assertCanManageOrganisation(actor, data.organisationId);
  const key = `cck_${randomBytes(24).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    const row = await tx.organisationApiKey.create({ data: { organisationId: data.organisationId, name: data.name, prefix: key.slice(0, 10), keyHash: sha256(key), createdById: who.id }, select: { id: true } });
    await recordAudit(tx, { actorId: who.id, action: "organisation.api-key.create", targetType: "OrganisationApiKey", targetId: row.id, after: { name: data.name, prefix: key.slice(0, 10) } });
    return { id: row.id, key };
  });
}

export async function revokeApiKey(actor: Actor | null, input: { organisationId: string; keyId: string }) {
  const who = await assertCanManageOrganisation(actor, String(input.organisationId ?? ""));
  return db.$transaction(async (tx) => {
    const key = await tx.organisationApiKey.findUnique({ where: { id: String(input.keyId ?? "") }, select: { id: true, organisationId: true, name: true, revokedAt: true } });
    if (!key || key.organisationId !== input.organisationId) throw new AppError("NOT_FOUND", "That key does not exist.");
    if (key.revokedAt) throw new AppError("CONFLICT", "That key is already revoked.");
    await tx.organisationApiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actorId: who.id, action: "organisation.api-key.revoke", targetType: "OrganisationApiKey", targetId: key.id, before: { name: key.name, revoked: false }, after: { revoked: true } });
    return { id: key.id };
  });
}

export async function listApiKeys(organisationId: string) {
  return db.organisationApiKey.findMany({ where: { organisationId }, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } });
}

export async function getOrganisationName(organisationId: string): Promise<string | null> {
  if (!organisationId || organisationId.length > 100) return null;
  return (await db.organisation.findUnique({ where: { id: organisationId }, select: { name: true } }))?.name ?? null;
}
