import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { blockLimit, clearLimit, consumeLimit, LIMITS, peekLimit, rateLimited, trySpend } from "../platform/rate-limit";
import { authSecrets, env, secureCookies } from "../platform/env";

/*
 * How sign-in is limited, and why (README "Security"):
 * - per address: LIMITS["signin-address"] attempts, whichever accounts they name — one address
 *   cannot walk through many accounts;
 * - per account and address: LIMITS["signin-pair"] failures, then a lockout that doubles each time
 *   (15 min, 30 min, 1 h … capped at a day) — the backoff. A stranger at another address has another
 *   pair, so they cannot lock the owner out this way;
 * - per account from anywhere: LIMITS["signin-account"] failures an hour — a botnet spreading guesses
 *   over many addresses. When it is spent, only a browser that has signed in to this account before
 *   (a signed "known device" cookie) may still try; everyone else waits. So the owner keeps access
 *   from their own devices while a distributed attack stalls.
 * A correct password clears its pair's failures. The address comes from clientAddress(), which trusts
 * X-Forwarded-For only from configured proxies.
 */

const MESSAGE = "Too many sign-in attempts";
const DEVICE_COOKIE = "cc-device";
const MAX_LOCKOUT = 86_400;

const pairKey = (email: string, address: string) => `${email}|${address}`;

function deviceMac(email: string): string {
  // The newest of the secrets Auth.js seals sessions with (AUTH_SECRET, or its rotation list). A fixed fallback would
  // let anyone mint a known-device cookie, so production has none: the container refuses to start without a secret.
  const secret = authSecrets()[0] ?? (env.NODE_ENV === "production" ? null : "callercheck-development-secret");
  if (!secret) throw new Error("AUTH_SECRET is not set: known-device cookies cannot be signed.");
  return createHmac("sha256", secret).update(`known-device:${email}`).digest("base64url");
}

async function isKnownDevice(email: string): Promise<boolean> {
  const value = (await cookies()).get(DEVICE_COOKIE)?.value;
  if (!value) return false;
  const expected = Buffer.from(deviceMac(email));
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Before the password is checked: throws RATE_LIMITED when any of the three limits says no. */
export async function beforeSignInAttempt(email: string, address: string): Promise<void> {
  await consumeLimit("signin-address", `address:${address}`, MESSAGE);
  const account = await peekLimit("signin-account", email);
  if (account.spent >= LIMITS["signin-account"].points && !(await isKnownDevice(email))) throw rateLimited(account.resetsIn, MESSAGE);
  // Spent before the check, so a burst of parallel guesses cannot all slip through.
  const pair = await trySpend("signin-pair", pairKey(email, address));
  if (pair.ok) return;
  if (pair.spent === LIMITS["signin-pair"].points + 1) {
    const lockouts = await trySpend("signin-lockouts", pairKey(email, address));
    const seconds = Math.min(MAX_LOCKOUT, LIMITS["signin-pair"].duration * 2 ** (lockouts.spent - 1));
    await blockLimit("signin-pair", pairKey(email, address), seconds);
    throw rateLimited(seconds, MESSAGE);
  }
  throw rateLimited(pair.resetsIn, MESSAGE);
}

/** After a wrong password: counts against the account from anywhere. */
export async function afterSignInFailure(email: string): Promise<void> {
  await trySpend("signin-account", email);
}

/** After a correct password: this pair starts afresh and this browser becomes a known device. */
export async function afterSignInSuccess(email: string, address: string): Promise<void> {
  await clearLimit("signin-pair", pairKey(email, address));
  await clearLimit("signin-lockouts", pairKey(email, address));
  try {
    (await cookies()).set(DEVICE_COOKIE, deviceMac(email), {
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookies,
      path: "/",
      maxAge: 365 * 86_400,
    });
  } catch {
    // Outside a request that can set cookies (a test calling authorize directly): nothing to remember.
  }
}
