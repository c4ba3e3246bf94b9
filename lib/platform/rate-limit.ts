import "server-only";
import { headers } from "next/headers";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "./db";
import { AppError } from "./errors";

const DAY = 86_400;

/** Every limit in one place: points per window (seconds). Keys are an account id or an address. */
export const LIMITS = {
  // Sign-in (lib/accounts/sign-in-limits.ts): failures per account and address with doubling lockouts,
  // failures per account from anywhere (a known device still passes), and attempts per address.
  "signin-pair": { points: 5, duration: 15 * 60 },
  "signin-lockouts": { points: 1_000, duration: DAY },
  "signin-account": { points: 50, duration: 3_600 },
  "signin-address": { points: 30, duration: 15 * 60 },
  signup: { points: 10, duration: 3_600 },
  "signup-email": { points: 3, duration: 3_600 },
  "password-reset": { points: 5, duration: 3_600 },
  "report-new-account": { points: 5, duration: DAY },
  report: { points: 20, duration: DAY },
  "report-address": { points: 40, duration: DAY },
  vote: { points: 200, duration: DAY },
  "vote-address": { points: 200, duration: DAY },
  "comment-new-account": { points: 5, duration: DAY },
  comment: { points: 50, duration: DAY },
  "comment-address": { points: 100, duration: DAY },
  "comment-change": { points: 100, duration: DAY },
  flag: { points: 50, duration: DAY },
  removal: { points: 5, duration: DAY },
  watch: { points: 200, duration: DAY },
  "organisation-proposal": { points: 10, duration: DAY },
  api: { points: 120, duration: 60 },
} as const;
export type LimitName = keyof typeof LIMITS;

const limiters = new Map<LimitName, RateLimiterPrisma>();

function limiter(name: LimitName): RateLimiterPrisma {
  let existing = limiters.get(name);
  if (!existing) {
    existing = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimit",
      keyPrefix: name,
      points: LIMITS[name].points,
      duration: LIMITS[name].duration,
      clearExpiredByTimeout: false,
    });
    limiters.set(name, existing);
  }
  return existing;
}

export function retryMessage(seconds: number): string {
  if (seconds < 90) return `Try again in ${Math.max(1, Math.ceil(seconds))} seconds.`;
  if (seconds < 5_400) return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
  return `Try again in about ${Math.ceil(seconds / 3_600)} hours.`;
}

/** Spends one point of a limit, or throws RATE_LIMITED saying when to try again. */
export async function consumeLimit(name: LimitName, key: string, what = "You have done that too often"): Promise<void> {
  try {
    await limiter(name).consume(key, 1);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw rateLimited(error.msBeforeNext / 1000, what);
    throw error;
  }
}

/** The error a spent limit throws: RATE_LIMITED with the wait in its message and Retry-After. */
export function rateLimited(seconds: number, what = "You have done that too often"): AppError {
  const wait = Math.max(1, Math.ceil(seconds));
  return new AppError("RATE_LIMITED", `${what}. ${retryMessage(wait)}`, undefined, wait);
}

/** Points spent so far and seconds until they reset, without spending one. */
export async function peekLimit(name: LimitName, key: string): Promise<{ spent: number; resetsIn: number }> {
  const state = await limiter(name).get(key);
  return { spent: state?.consumedPoints ?? 0, resetsIn: Math.ceil((state?.msBeforeNext ?? 0) / 1000) };
}

/** Spends one point and reports the outcome instead of throwing (for limits with their own backoff). */
export async function trySpend(name: LimitName, key: string): Promise<{ ok: boolean; spent: number; resetsIn: number }> {
  try {
    const res = await limiter(name).consume(key, 1);
    return { ok: true, spent: res.consumedPoints, resetsIn: Math.ceil(res.msBeforeNext / 1000) };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, spent: error.consumedPoints, resetsIn: Math.ceil(error.msBeforeNext / 1000) };
    throw error;
  }
}

/** Refuses the key for `seconds` from now, whatever it had spent. */
export async function blockLimit(name: LimitName, key: string, seconds: number): Promise<void> {
  await limiter(name).block(key, seconds);
}

/** Forgets everything spent on the key (a successful sign-in clears its failures). */
export async function clearLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key).catch(() => undefined);
}

/** Gives back a point spent on a request that then failed validation, so typos do not use up a limit. */
export async function refundLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).reward(key, 1).catch(() => undefined);
}

/** The caller's address: the first X-Forwarded-For hop (set by the load balancer), else "local". */
export async function clientAddress(): Promise<string> {
  const list = await headers();
  return addressFrom(list);
}

export function addressFrom(list: Headers): string {
  const forwarded = list.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || list.get("x-real-ip") || "local").slice(0, 64);
}
