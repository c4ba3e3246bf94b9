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
const derived = new Map<string, Promise<Derived>>();

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

/** What a request's session cookie says: the user and the session version it was issued under. */
export type SessionClaims = { userId: string; sessionVersion: number };

const readTokens = new Map<string, { claims: SessionClaims | null; expiresAt: number }>();
const READ_TOKENS_MAX = 10_000;

/**
 * The session cookie's claims, as Auth.js's session callback maps them (lib/accounts/auth.ts), or null
 * for a token that does not decrypt, has expired or names nobody. A token already read is answered from
 * memory until it expires: the same member's requests send the same cookie, and the decryption was ~6 %
 * of a signed-in request's CPU. The key is the whole token (authenticated encryption), so a changed
 * byte is a different entry and is decrypted again.
 */
export async function readSessionToken(token: string, salt: string, secrets: string[]): Promise<SessionClaims | null> {
  const key = `${secrets.join("\u0001")}\u0000${salt}\u0000${token}`;
  const now = Date.now();
  const known = readTokens.get(key);
  if (known && known.expiresAt > now) return known.claims;
  let claims: SessionClaims | null = null;
  let expiresAt = now + 60_000;
  try {
    const payload = await decodeSessionToken({ token, secret: secrets, salt });
    const userId = String(payload?.uid ?? payload?.sub ?? "");
    if (payload && userId) {
      claims = { userId, sessionVersion: typeof payload.sv === "number" ? payload.sv : -1 };
      // jwtDecrypt allows 15 s of clock skew past exp; a kept answer stops at exp itself.
      if (typeof payload.exp === "number") expiresAt = Math.min(payload.exp * 1000, now + 3_600_000);
    }
  } catch {
    // Not ours, tampered with or expired: no session (Auth.js answers the same, after logging it).
  }
  if (readTokens.size >= READ_TOKENS_MAX) readTokens.clear();
  readTokens.set(key, { claims, expiresAt });
  return claims;
}
