import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../platform/db";

// Ending one browser's session. Sessions are JWT cookies (Auth.js), so nothing on the server holds them: a
// copy of a cookie would go on working until it expires (30 days). Each cookie therefore carries the id of
// its session (`sid`, from signing in, kept as the cookie is renewed), and signing out records that id here;
// every read of the signed-in user (lib/accounts/authz.ts, in the same statement) and Auth.js's own session
// check (lib/accounts/auth.ts) refuse it from then on. The member's other sessions go on ("Sign out of all
// devices" ends those: the session version). A row is kept until the cookie would have expired anyway.

/** A new session's id: 128 random bits. */
export const newSessionId = (): string => randomBytes(16).toString("base64url");

/** How long a cookie lives (Auth.js's default, 30 days): an ended session's row is needed no longer. */
const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Records a signed-out session so that copies of its cookie stop working, and drops rows whose cookies have
 * expired (a few at a time: signing out is rare enough). A cookie from before sessions had ids ends every
 * session of its user instead, as "Sign out of all devices" does: there is no other way to refuse its copies.
 */
export async function endSession(token: { sid?: unknown; uid?: unknown; sub?: unknown; exp?: unknown }): Promise<void> {
  const userId = String(token.uid ?? token.sub ?? "");
  if (!userId) return;
  if (typeof token.sid !== "string" || !token.sid) {
    await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    return;
  }
  const expiresAt = new Date(typeof token.exp === "number" ? token.exp * 1000 : Date.now() + SESSION_MAX_AGE_MS);
  await db.$executeRaw`
    WITH expired AS (DELETE FROM "EndedSession" WHERE id IN (SELECT id FROM "EndedSession" WHERE "expiresAt" < now() LIMIT 100))
    INSERT INTO "EndedSession" (id, "userId", "expiresAt") VALUES (${token.sid}, ${userId}, ${expiresAt}) ON CONFLICT (id) DO NOTHING`;
}

/** Whether a session was signed out. */
export async function sessionEnded(sid: unknown): Promise<boolean> {
  if (typeof sid !== "string" || !sid) return false;
  return (await db.endedSession.count({ where: { id: sid } })) > 0;
}
