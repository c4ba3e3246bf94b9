// An unsubscribe link that works without signing in: an HMAC over the member and the one watch it
// stops, so changing any character (another watch, another member) is refused.
import { createHmac, timingSafeEqual } from "node:crypto";
import { secretFromEnv } from "../platform/env";
import { parseWatchKey, type WatchKey } from "./kinds";

const PURPOSE = "callercheck:unsubscribe:v1";

function secret(): string {
  const value = secretFromEnv("ALERTS_SECRET") ?? secretFromEnv("AUTH_SECRET");
  if (!value) throw new Error("AUTH_SECRET is not set: unsubscribe links cannot be signed.");
  return value;
}

const sign = (payload: string) => createHmac("sha256", secret()).update(`${PURPOSE}\n${payload}`).digest("base64url");

/** `watchKey` "all" (a daily digest's link) pauses all alert e-mail instead of one watch's. */
export function unsubscribeToken(userId: string, watchKey: WatchKey | "all"): string {
  const payload = Buffer.from(`${userId}|${watchKey}`).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export type UnsubscribeTarget = { userId: string; watchKey: WatchKey | "all" };

/** The member and watch a token names, or null for anything forged, altered or malformed. */
export function verifyUnsubscribeToken(token: unknown): UnsubscribeTarget | null {
  if (typeof token !== "string" || token.length > 400) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [userId, watchKey, rest] = Buffer.from(payload, "base64url").toString("utf8").split("|");
  if (!userId || !watchKey || rest !== undefined || (watchKey !== "all" && !parseWatchKey(watchKey))) return null;
  return { userId, watchKey: watchKey as WatchKey | "all" };
}
