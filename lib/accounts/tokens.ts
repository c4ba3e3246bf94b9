import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TokenPurpose } from "../generated/prisma/enums";
import { db } from "../platform/db";

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/** Issues a single-use token; only its hash is stored, so a database leak reveals no live link. */
export async function issueToken(userId: string, purpose: TokenPurpose, ttlMinutes: number, payload?: Record<string, string>): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.authToken.create({
    data: { userId, purpose, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttlMinutes * 60_000), payload },
  });
  return token;
}

/** Marks the token used and returns its user id, or null when it is unknown, used or expired. Atomic. */
export async function consumeToken(token: string, purpose: TokenPurpose): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = sha256(token);
  const now = new Date();
  const used = await db.authToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count !== 1) return null;
  const row = await db.authToken.findUnique({ where: { tokenHash }, select: { userId: true } });
  return row?.userId ?? null;
}

/** As consumeToken, and also returns the payload the token was issued with. */
export async function consumeTokenWithPayload(token: string, purpose: TokenPurpose): Promise<{ userId: string; payload: Record<string, string> } | null> {
  const userId = await consumeToken(token, purpose);
  if (!userId) return null;
  const row = await db.authToken.findUnique({ where: { tokenHash: sha256(token) }, select: { payload: true } });
  return { userId, payload: (row?.payload ?? {}) as Record<string, string> };
}
