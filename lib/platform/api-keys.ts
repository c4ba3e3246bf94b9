import "server-only";
import { createHash } from "node:crypto";
import { db } from "./db";
import { AppError } from "./errors";

// Reading an API key off a request. Members manage their keys in lib/api-keys/; the route wrapper
// (lib/platform/api.ts) counts each key's requests against its daily quota.

export const API_KEY_PREFIX = "cck_";

/** Keys are 192 random bits: a plain SHA-256 is enough to store them (no dictionary to guess from). */
export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

/** The token of `Authorization: Bearer <token>`; null without one. */
export const bearerTokenFrom = (headers: Headers): string | null => /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "")?.[1] ?? null;

/** `Authorization: Bearer <key>` or `X-Api-Key: <key>`; null when neither is sent. */
export function apiKeyFrom(headers: Headers): string | null {
  const key = (bearerTokenFrom(headers) ?? headers.get("x-api-key") ?? "").trim();
  return key ? key : null;
}

export type ApiKeyActor = { keyId: string; userId: string; organisationId: string | null; dailyQuota: number };

/**
 * The key a request carries: null when it carries none, UNAUTHENTICATED when it is unknown, revoked,
 * or its member was suspended or deleted. Keys scoped to an organisation carry its id for the
 * organisation APIs to check.
 */
export async function getApiKeyActor(request: Request): Promise<ApiKeyActor | null> {
  const key = apiKeyFrom(request.headers);
  if (key === null) return null;
  const refused = new AppError("UNAUTHENTICATED", "This API key is not valid or has been revoked.");
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 100) throw refused;
  const row = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, userId: true, organisationId: true, dailyQuota: true, revokedAt: true, lastUsedAt: true, user: { select: { suspendedAt: true, deletedAt: true } } },
  });
  if (!row || row.revokedAt || row.user.suspendedAt || row.user.deletedAt) throw refused;
  // "Last used" to the minute: not one write per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { keyId: row.id, userId: row.userId, organisationId: row.organisationId, dailyQuota: row.dailyQuota };
}
