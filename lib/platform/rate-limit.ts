import "server-only";
import { headers } from "next/headers";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "./db";
import { AppError } from "./errors";

const DAY = 86_400;

/** Every limit in one place: points per window (seconds). Keys are an account id or an address. */
export const LIMITS = {
  signin: { points: 10, duration: 15 * 60 },
  signup: { points: 10, duration: 3_600 },
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
    if (error instanceof RateLimiterRes) {
      const seconds = Math.ceil(error.msBeforeNext / 1000);
      throw new AppError("RATE_LIMITED", `${what}. ${retryMessage(seconds)}`, undefined, seconds);
    }
    throw error;
  }
}

export type Quota = { limit: number; remaining: number; resetSeconds: number; exceeded: boolean };

const quotaLimiters = new Map<number, RateLimiterPrisma>();

/** Spends one request of an API key's daily quota (points per day differ per key). */
export async function consumeQuota(key: string, pointsPerDay: number): Promise<Quota> {
  let limiter = quotaLimiters.get(pointsPerDay);
  if (!limiter) {
    limiter = new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", keyPrefix: "api-key", points: pointsPerDay, duration: DAY, clearExpiredByTimeout: false });
    quotaLimiters.set(pointsPerDay, limiter);
  }
  try {
    const res = await limiter.consume(key, 1);
    return { limit: pointsPerDay, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000), exceeded: false };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { limit: pointsPerDay, remaining: 0, resetSeconds: Math.ceil(error.msBeforeNext / 1000), exceeded: true };
    throw error;
  }
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
