import { createHash } from "node:crypto";
import { hkdf } from "@panva/hkdf";
import { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

// Auth.js's session-token encode and decode (@auth/core/jwt), with one change: the key derived from the
// secret (HKDF) and its thumbprint are computed once per secret and salt, not on every request. Tokens
// are exactly what Auth.js makes and reads — same algorithms, header and key id — so cookies issued
// before and tokens minted with next-auth/jwt (tests, the benchmark) keep working
// (lib/accounts/session-token.test.ts). A profile of signed-in requests had the derivation at ~8 % of CPU.

const alg = "dir";
const enc = "A256CBC-HS512";
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

type Derived = { key: Uint8Array; kid: string };

// One of each cache per process, on globalThis: route handlers and pages are bundled apart and each
// bundle loads its own copy of this module (lib/platform/data-cache.ts does the same). With a cache per
// bundle a member's token was decrypted once by GET /api/me and again by the first page rendered for them.
const shared = globalThis as Record<symbol, unknown>;
const derived = (shared[Symbol.for("callercheck.sessionKeys")] ??= new Map()) as Map<string, Promise<Derived>>;

function derive(secret: string, salt: string, encryption: string): Promise<Derived> {
  const cacheKey = `${encryption}\u0000${salt}\u0000${secret}`;
  let found = derived.get(cacheKey);
  if (!found) {
    found = (async () => {
      const length = encryption === "A256CBC-HS512" ? 64 : encryption === "A256GCM" ? 32 : 0;
      if (!length) throw new Error("Unsupported JWT Content Encryption Algorithm");
      const key = await hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length);
      const kid = await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, length === 64 ? "sha512" : "sha256");
      return { key, kid };
    })();
    // Secrets and salts are few (one cookie name, a rotation or two); the bound is only a guard.
    if (derived.size >= 64) derived.clear();
    derived.set(cacheKey, found);
    found.catch(() => derived.delete(cacheKey));
  }
  return found;
}

export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt } = params;
  const first = Array.isArray(secret) ? secret[0] : secret;
  const { key, kid } = await derive(first, salt, enc);
  const now = (Date.now() / 1000) | 0;
  return new EncryptJWT(token as JWTPayload)
    .setProtectedHeader({ alg, enc, kid })
    .setIssuedAt()
    .setExpirationTime(now + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  const secrets = Array.isArray(secret) ? secret : [secret];
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc: encryption }) => {
      for (const candidate of secrets) {
        const { key, kid: thumbprint } = await derive(candidate, salt, encryption);
        if (kid === undefined || kid === thumbprint) return key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc, "A256GCM"] },
  );
  return payload as JWT;
}

/**
 * What a request's session cookie says: the user, the session version it was issued under, and the id of this
 * browser's session (`sid`, set at sign-in; signing out ends it alone: lib/accounts/sessions.ts). Cookies
 * issued before sessions had ids carry none.
 */
export type SessionClaims = { userId: string; sessionVersion: number; sid?: string };

/** Longer than any token Auth.js issues here (a few hundred bytes); longer ones are not decrypted. */
const MAX_TOKEN_LENGTH = 16_384;
const READ_TOKENS_MAX = 10_000;
/** Tokens already read, least recently used first: SHA-256(secrets, salt, token) → claims until expiry. */
const readTokens = (shared[Symbol.for("callercheck.sessionTokens")] ??= new Map()) as Map<string, { claims: SessionClaims; expiresAt: number }>;

/**
 * The session cookie's claims, as Auth.js's session callback maps them (lib/accounts/auth.ts), or null
 * for a token that does not decrypt, has expired or names nobody. A token already read is answered from
 * memory until it expires: the same member's requests send the same cookie, and the decryption was ~6 %
 * of a signed-in request's CPU. Only tokens that decrypted are kept (junk costs a decryption attempt
 * each time and no memory), under a hash of the token with the secrets and salt, at most 10,000.
 */
export async function readSessionToken(token: string, salt: string, secrets: string[]): Promise<SessionClaims | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH || secrets.length === 0) return null;
  const key = createHash("sha256").update(secrets.join("\u0000")).update("\u0001").update(salt).update("\u0001").update(token).digest("base64url");
  const now = Date.now();
  const known = readTokens.get(key);
  if (known) {
    readTokens.delete(key);
    if (known.expiresAt > now) {
      readTokens.set(key, known);
      return known.claims;
    }
  }
  let payload: JWT | null;
  try {
    payload = await decodeSessionToken({ token, secret: secrets, salt });
  } catch {
    // Not ours, tampered with or expired: no session (Auth.js answers the same, after logging it).
    return null;
  }
  const userId = String(payload?.uid ?? payload?.sub ?? "");
  if (!payload || !userId) return null;
  const claims: SessionClaims = { userId, sessionVersion: typeof payload.sv === "number" ? payload.sv : -1 };
  if (typeof payload.sid === "string" && payload.sid) claims.sid = payload.sid;
  // jwtDecrypt allows 15 s of clock skew past exp; a kept answer stops at exp itself (an hour at most).
  const expiresAt = typeof payload.exp === "number" ? Math.min(payload.exp * 1000, now + 3_600_000) : now + 60_000;
  if (readTokens.size >= READ_TOKENS_MAX) readTokens.delete(readTokens.keys().next().value!);
  readTokens.set(key, { claims, expiresAt });
  return claims;
}

/** The request's cookies, the first of two with one name winning (as Auth.js's parser has it; Next's keeps the last). */
export function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!name || cookies.has(name)) continue;
    let value = part.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = value.includes("%") ? decodeURIComponent(value) : value;
    } catch {
      // Not valid percent-encoding: kept as sent (it will not decrypt).
    }
    cookies.set(name, value);
  }
  return cookies;
}
