import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { createChallenge, randomInt, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { Challenge } from "altcha-lib/types";
import { db, type Tx } from "./db";
import { env } from "./env";
import { AppError } from "./errors";
import { parseProofOfWorkPayload, type ProofOfWorkPayload } from "./proof-of-work-payload";

// ALTCHA (self-hosted proof of work, no third party): the server signs a challenge, the visitor's
// browser searches for the counter that solves it, and the server checks the solution itself —
// never the widget's word for it — then records the challenge's nonce so the solution is used once.

export const POW = {
  algorithm: "PBKDF2/SHA-256",
  /** PBKDF2 iterations per attempt × the hidden counter's range: about a second of a phone's time. */
  cost: 2_000,
  counter: { min: 1_000, max: 4_000 },
  /** Long enough to tick the box first and then write the report. */
  expiresInMinutes: 30,
} as const;

// Not set (tests, a first `npm run dev` without scripts/run.mjs): a key for this process only.
// Production must set ALTCHA_HMAC_KEY (scripts/run.mjs generates one into .data/ for development).
let processKey: string | null = null;
function secret(): string {
  if (env.ALTCHA_HMAC_KEY) return env.ALTCHA_HMAC_KEY;
  if (env.NODE_ENV === "production") throw new Error("ALTCHA_HMAC_KEY is not set: reports without an account need it.");
  processKey ??= randomBytes(32).toString("base64url");
  return processKey;
}
const derived = (purpose: string) => createHmac("sha256", secret()).update(`callercheck:${purpose}`).digest("base64url");

/** A keyed hash of a visitor's address: counts them once per number without storing the address. */
export function addressKey(address: string): string {
  return createHmac("sha256", derived("address")).update(address).digest("base64url").slice(0, 32);
}

export async function createProofOfWorkChallenge(now = new Date()): Promise<Challenge> {
  return createChallenge({
    algorithm: POW.algorithm,
    cost: POW.cost,
    counter: randomInt(POW.counter.max, POW.counter.min),
    deriveKey,
    expiresAt: new Date(now.getTime() + POW.expiresInMinutes * 60_000),
    hmacSignatureSecret: derived("challenge"),
    hmacKeySignatureSecret: derived("challenge-key"),
  });
}

export const CHECK_MISSING = "Complete the check “I'm not a robot” before sending your report.";
const fail = (message: string) => new AppError("INVALID", message, { altcha: [message] });

export type VerifiedProofOfWork = { nonce: string; expiresAt: Date };

/**
 * Checks a solved challenge: ours (signature), not expired, and really solved (the key is derived
 * again here). Does not mark it used: `spendProofOfWork` does that inside the write's transaction.
 */
export async function verifyProofOfWork(payload: unknown): Promise<VerifiedProofOfWork> {
  const parsed: ProofOfWorkPayload | null = parseProofOfWorkPayload(payload);
  if (!parsed) throw fail(CHECK_MISSING);
  const { challenge, solution } = parsed;
  if (!challenge.parameters.expiresAt) throw fail("That check is not valid. Tick the box again.");
  const result = await verifySolution({
    challenge,
    solution,
    deriveKey,
    hmacSignatureSecret: derived("challenge"),
    hmacKeySignatureSecret: derived("challenge-key"),
  }).catch(() => null);
  if (result?.expired) throw fail("The check expired. Tick the box again.");
  if (!result?.verified) throw fail("That check is not valid. Tick the box again.");
  return { nonce: challenge.parameters.nonce, expiresAt: new Date(challenge.parameters.expiresAt * 1000) };
}

/** Records a verified challenge as used, in the caller's transaction; a second use is refused. */
export async function spendProofOfWork(tx: Tx, proof: VerifiedProofOfWork): Promise<void> {
  await tx.$executeRaw`DELETE FROM "UsedProofOfWork" WHERE "expiresAt" < now()`;
  const inserted = await tx.$executeRaw`
    INSERT INTO "UsedProofOfWork" (nonce, "expiresAt") VALUES (${proof.nonce}, ${proof.expiresAt}) ON CONFLICT (nonce) DO NOTHING`;
  if (inserted === 0) throw fail("That check was already used. Tick the box again.");
}

/** True when this nonce has been spent (for tests and diagnostics). */
export async function isProofOfWorkSpent(nonce: string): Promise<boolean> {
  return (await db.usedProofOfWork.count({ where: { nonce } })) > 0;
}
