import "server-only";
import { randomBytes } from "node:crypto";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { isModerator } from "../accounts/roles";
import { API_KEY_PREFIX, hashApiKey } from "../platform/api-keys";
import { db } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { createApiKeySchema, revokeApiKeySchema } from "./schema";

// Members' API keys: created (the key is shown once; only its hash is kept), listed, revoked.

/** Active keys a member may hold at once. */
export const MAX_ACTIVE_KEYS = 10;

export type CreatedApiKey = { id: string; name: string; key: string };

export async function createApiKey(actor: Actor | null, input: unknown): Promise<CreatedApiKey> {
  assertCanWrite(actor);
  const data = parseOrThrow(createApiKeySchema, input);
  if (data.organisationId && !isModerator(actor)) {
    const representative = await db.organisationRepresentative.findFirst({ where: { userId: actor.id, organisationId: data.organisationId, status: "ACTIVE" }, select: { id: true } });
    if (!representative) throw new AppError("FORBIDDEN", "Only a confirmed representative of that organisation can create a key for it.", { organisationId: ["Choose one of your organisations."] });
  }
  const active = await db.apiKey.count({ where: { userId: actor.id, revokedAt: null } });
  if (active >= MAX_ACTIVE_KEYS) throw new AppError("CONFLICT", `You have ${MAX_ACTIVE_KEYS} active keys. Revoke one you no longer use first.`);
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const row = await db.apiKey.create({
    data: { userId: actor.id, organisationId: data.organisationId ?? null, name: data.name, keyHash: hashApiKey(key), prefix: key.slice(0, API_KEY_PREFIX.length + 6) },
    select: { id: true, name: true },
  });
  return { ...row, key };
}

export type ApiKeySummary = { id: string; name: string; prefix: string; organisationName: string | null; dailyQuota: number; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export async function listApiKeys(userId: string): Promise<ApiKeySummary[]> {
  const rows = await db.apiKey.findMany({
    where: { userId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 50,
    select: { id: true, name: true, prefix: true, organisationId: true, dailyQuota: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
  const ids = rows.flatMap((row) => (row.organisationId ? [row.organisationId] : []));
  const names = new Map((await db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  return rows.map(({ organisationId, ...row }) => ({ ...row, organisationName: organisationId ? (names.get(organisationId) ?? null) : null }));
}

/** Revokes one of the actor's own keys; the next request with it is refused. */
export async function revokeApiKey(actor: Actor | null, input: unknown): Promise<void> {
  // A suspended member may still revoke (their keys are refused anyway).
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do that.");
  const { id } = parseOrThrow(revokeApiKeySchema, input);
  const { count } = await db.apiKey.updateMany({ where: { id, userId: actor.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError("NOT_FOUND", "That key does not exist or is already revoked.");
}

/** Organisations a member may scope a key to: those they are a confirmed representative of. */
export async function listKeyOrganisations(userId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.organisationRepresentative.findMany({
    where: { userId, status: "ACTIVE" },
    select: { organisation: { select: { id: true, name: true } } },
    orderBy: { organisation: { name: "asc" } },
  });
  return rows.map((row) => row.organisation);
}
