import "server-only";
import { headers } from "next/headers";
import { notPageContent } from "./cache-scope";
import { db, sql } from "./db";
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
  // Changing one's password while signed in: each try checks the current password, so it is limited like sign-in.
  "password-change": { points: 5, duration: 15 * 60 },
  "report-new-account": { points: 5, duration: DAY },
  report: { points: 20, duration: DAY },
  "report-address": { points: 40, duration: DAY },
  // Reports without an account, keyed by the address's keyed hash: a handful a day, at most two an hour.
  "anonymous-report": { points: 5, duration: DAY },
  "anonymous-report-hour": { points: 2, duration: 3_600 },
  "anonymous-challenge": { points: 30, duration: 3_600 },
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
  "representative-request": { points: 5, duration: DAY },
  "call-check": { points: 10, duration: 3_600 },
  "call-check-organisation": { points: 300, duration: 3_600 },
  "call-record": { points: 2_000, duration: 3_600 },
} as const;
export type LimitName = keyof typeof LIMITS;

export function retryMessage(seconds: number): string {
  if (seconds < 90) return `Try again in ${Math.max(1, Math.ceil(seconds))} seconds.`;
  if (seconds < 5_400) return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
  return `Try again in about ${Math.ceil(seconds / 3_600)} hours.`;
}

/** One limit to spend: which, for whom, and what to tell them when it is used up. */
export type LimitSpend = [name: LimitName, key: string, what?: string];

/** A limit's row in "RateLimit" (scripts/server/api-limit.mjs spends the API's the same way; a unit test checks). */
export const rowKey = (name: LimitName, key: string) => `${name}:${key}`;

/** Every CLEANUP_EVERY spends, this process deletes up to CLEANUP_BATCH expired rows (else the table only grows). */
const CLEANUP_EVERY = 256;
const CLEANUP_BATCH = 1_000;
let spends = 0;

/**
 * The statement that spends one point of each limit (a fixed window per row: a row whose window has ended
 * starts again at 1): $1 the rows' keys, $2 when a new window ends for each, $3 now (spendParams). It
 * returns every row's key, points and expire. Rows are locked in key order, as refundLimits locks them, so
 * a spend and a refund never wait for each other in a cycle. A write that spends in its own statement runs it
 * as a CTE (lib/reports/report.ts; its rows stay locked until that statement ends, so one member's or one
 * address's reports take turns for those moments), then settles with settleSpend as consumeLimits does.
 */
export const SPEND_SQL = `INSERT INTO "RateLimit" (key, points, expire)
       SELECT key, 1, expire FROM unnest($1::text[], $2::timestamp[]) AS spend(key, expire) ORDER BY key
       ON CONFLICT (key) DO UPDATE SET
         points = CASE WHEN "RateLimit".expire > $3::timestamp THEN "RateLimit".points + 1 ELSE 1 END,
         expire = CASE WHEN "RateLimit".expire > $3::timestamp THEN "RateLimit".expire ELSE EXCLUDED.expire END
       RETURNING key, points, expire`;

/** What SPEND_SQL returns for each limit. */
export type SpentRow = { key: string; points: number; expire: Date };

/** SPEND_SQL's $1–$3, and (for a statement that checks them itself) each limit's points as a fourth list. */
export function spendParams(spendList: LimitSpend[], now: Date): [string[], string[], Date, number[]] {
  return [
    spendList.map(([name, key]) => rowKey(name, key)),
    spendList.map(([name]) => new Date(now.getTime() + LIMITS[name].duration * 1000).toISOString()),
    now,
    spendList.map(([name]) => LIMITS[name].points),
  ];
}

/**
 * After SPEND_SQL: now and then deletes expired rows; if any limit is used up, gives the others back and
 * throws RATE_LIMITED saying when to try again (the used-up one stays spent, so hammering does not reset it).
 */
export async function settleSpend(spendList: LimitSpend[], spent: SpentRow[], now: Date): Promise<void> {
  if (++spends % CLEANUP_EVERY === 0) await notPageContent(() => deleteExpiredLimits(now)).catch(() => undefined);
  const byKey = new Map(spent.map((row) => [row.key, row]));
  const over = spendList.find(([name, key]) => (byKey.get(rowKey(name, key))?.points ?? 0) > LIMITS[name].points);
  if (!over) return;
  const [name, key, what = "You have done that too often"] = over;
  const others = spendList.filter((spend) => spend !== over);
  if (others.length) await refundLimits(others.map(([n, k]) => [n, k]));
  const seconds = Math.max(1, Math.ceil((byKey.get(rowKey(name, key))!.expire.getTime() - now.getTime()) / 1000));
  throw new AppError("RATE_LIMITED", `${what}. ${retryMessage(seconds)}`, undefined, seconds);
}

/**
 * Spends one point of each limit in ONE statement (SPEND_SQL, straight on the pool: every write spends
 * here first). If any limit is used up, the others are given back and RATE_LIMITED says when to try
 * again; the used-up one stays spent, so hammering does not reset it.
 */
export async function consumeLimits(spendList: LimitSpend[], now: Date = new Date()): Promise<void> {
  if (spendList.length === 0) return;
  const spent = await notPageContent(() => sql<SpentRow>(SPEND_SQL, spendParams(spendList, now).slice(0, 3)));
  await settleSpend(spendList, spent, now);
}

/** Spends one point of a limit, or throws RATE_LIMITED saying when to try again. */
export async function consumeLimit(name: LimitName, key: string, what = "You have done that too often"): Promise<void> {
  await consumeLimits([[name, key, what]]);
}

/** Gives back points spent on a request that then failed validation, so typos do not use up a limit. */
export async function refundLimits(spendList: [LimitName, string][]): Promise<void> {
  if (spendList.length === 0) return;
  const keys = spendList.map(([name, key]) => rowKey(name, key));
  // In key order, as SPEND_SQL locks them.
  await sql(
    `UPDATE "RateLimit" r SET points = greatest(r.points - 1, 0)
       FROM (SELECT key FROM "RateLimit" WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE) locked
      WHERE r.key = locked.key`,
    [keys],
  ).catch(() => undefined);
}

/** The error a spent limit throws: RATE_LIMITED with the wait in its message and Retry-After. */
export function rateLimited(seconds: number, what = "You have done that too often"): AppError {
  const wait = Math.max(1, Math.ceil(seconds));
  return new AppError("RATE_LIMITED", `${what}. ${retryMessage(wait)}`, undefined, wait);
}

const secondsUntil = (expire: Date | null, now: Date) => (expire ? Math.max(0, Math.ceil((expire.getTime() - now.getTime()) / 1000)) : 0);

/** Points spent so far and seconds until they reset, without spending one. */
export async function peekLimit(name: LimitName, key: string, now: Date = new Date()): Promise<{ spent: number; resetsIn: number }> {
  const [row] = await db.$queryRaw<{ points: number; expire: Date | null }[]>`SELECT points, expire FROM "RateLimit" WHERE key = ${rowKey(name, key)}`;
  if (!row || !row.expire || row.expire <= now) return { spent: 0, resetsIn: 0 };
  return { spent: row.points, resetsIn: secondsUntil(row.expire, now) };
}

/** Spends one point and reports the outcome instead of throwing (for limits with their own backoff). */
export async function trySpend(name: LimitName, key: string, now: Date = new Date()): Promise<{ ok: boolean; spent: number; resetsIn: number }> {
  const [row] = await db.$queryRaw<{ points: number; expire: Date }[]>`
    INSERT INTO "RateLimit" (key, points, expire) VALUES (${rowKey(name, key)}, 1, ${new Date(now.getTime() + LIMITS[name].duration * 1000)}::timestamp)
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN "RateLimit".expire > ${now}::timestamp THEN "RateLimit".points + 1 ELSE 1 END,
      expire = CASE WHEN "RateLimit".expire > ${now}::timestamp THEN "RateLimit".expire ELSE EXCLUDED.expire END
    RETURNING points, expire`;
  return { ok: row.points <= LIMITS[name].points, spent: row.points, resetsIn: secondsUntil(row.expire, now) };
}

/** Refuses the key for `seconds` from now, whatever it had spent. */
export async function blockLimit(name: LimitName, key: string, seconds: number, now: Date = new Date()): Promise<void> {
  const over = LIMITS[name].points + 1;
  const until = new Date(now.getTime() + seconds * 1000);
  await db.$executeRaw`
    INSERT INTO "RateLimit" (key, points, expire) VALUES (${rowKey(name, key)}, ${over}, ${until}::timestamp)
    ON CONFLICT (key) DO UPDATE SET points = greatest("RateLimit".points, ${over}), expire = ${until}::timestamp`;
}

/** Forgets everything spent on the key (a successful sign-in clears its failures). */
export async function clearLimit(name: LimitName, key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM "RateLimit" WHERE key = ${rowKey(name, key)}`.catch(() => undefined);
}

export type Quota = { limit: number; remaining: number; resetSeconds: number; exceeded: boolean };

/** Spends one request of an API key's daily quota (points per day differ per key), in one statement. */
export async function consumeQuota(key: string, pointsPerDay: number, now: Date = new Date()): Promise<Quota> {
  const [row] = await db.$queryRaw<{ points: number; expire: Date }[]>`
    INSERT INTO "RateLimit" (key, points, expire) VALUES (${`api-key:${key}`}, 1, ${new Date(now.getTime() + DAY * 1000)}::timestamp)
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN "RateLimit".expire > ${now}::timestamp THEN "RateLimit".points + 1 ELSE 1 END,
      expire = CASE WHEN "RateLimit".expire > ${now}::timestamp THEN "RateLimit".expire ELSE EXCLUDED.expire END
    RETURNING points, expire`;
  const resetSeconds = Math.max(1, Math.ceil((row.expire.getTime() - now.getTime()) / 1000));
  return { limit: pointsPerDay, remaining: Math.max(0, pointsPerDay - row.points), resetSeconds, exceeded: row.points > pointsPerDay };
}

export async function refundLimit(name: LimitName, key: string): Promise<void> {
  await refundLimits([[name, key]]);
}

/** Deletes up to `batch` rows whose window has ended; returns how many. */
export async function deleteExpiredLimits(now: Date = new Date(), batch = CLEANUP_BATCH): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "RateLimit" WHERE key IN (SELECT key FROM "RateLimit" WHERE expire <= ${now}::timestamp ORDER BY expire LIMIT ${batch})`;
}

/**
 * The caller's address, as computed by scripts/server.mjs from the socket and TRUSTED_PROXIES and
 * passed in a private header that the server always overwrites (never X-Forwarded-For, which any
 * client can write). Without that server (e.g. plain `next start`) every request shares the bucket
 * "unknown": limits then hold for everyone together rather than for no one.
 */
export async function clientAddress(): Promise<string> {
  const list = await headers();
  return addressFrom(list);
}

/** Kept in step with CLIENT_ADDRESS_HEADER in scripts/server/client-address.mjs (a unit test checks). */
export const CLIENT_ADDRESS_HEADER = "x-callercheck-client-address";

export function addressFrom(list: Headers): string {
  return (list.get(CLIENT_ADDRESS_HEADER)?.trim() || "unknown").slice(0, 64);
}
