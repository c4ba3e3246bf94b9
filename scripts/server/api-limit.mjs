// The API's per-address limit, spent by the server before it answers a lookup from the page cache
// (scripts/server/page-cache.mjs): the same row, window and points as lib/platform/rate-limit.ts's
// LIMITS.api, in the same one statement, so a kept answer counts exactly as a rendered one would
// (scripts/server/api-limit.test.ts and api-limit.db.test.ts check both). Over the limit, the server
// does not answer itself: the request goes to the app, which refuses it with its 429 and Retry-After.

/** LIMITS.api: points per window of seconds. */
export const API_LIMIT = { points: 120, duration: 60 };

/** The "RateLimit" row of an address's API limit (rate-limit.ts: rowKey("api", `address:${address}`)). */
export function apiLimitKey(address) {
  // As lib/platform/rate-limit.ts's addressFrom reads the address header.
  const value = String(address ?? "").trim() || "unknown";
  return `api:address:${value.slice(0, 64)}`;
}

const SPEND = `
  INSERT INTO "RateLimit" (key, points, expire) VALUES ($1, 1, $2::timestamp)
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN "RateLimit".expire > $3::timestamp THEN "RateLimit".points + 1 ELSE 1 END,
    expire = CASE WHEN "RateLimit".expire > $3::timestamp THEN "RateLimit".expire ELSE EXCLUDED.expire END
  RETURNING points`;

/** As rate-limit.ts: every CLEANUP_EVERY spends, up to CLEANUP_BATCH expired rows go (else the table only grows). */
const CLEANUP_EVERY = 256;
const CLEANUP_BATCH = 1_000;
const CLEANUP = `DELETE FROM "RateLimit" WHERE key IN (SELECT key FROM "RateLimit" WHERE expire <= $1::timestamp ORDER BY expire LIMIT ${CLEANUP_BATCH})`;
let spends = 0;

/** Spends one point of the address's API limit; true while within it. `pool`: a pg Pool. */
export async function spendApiLimit(pool, address, now = new Date()) {
  const expire = new Date(now.getTime() + API_LIMIT.duration * 1000);
  const { rows } = await pool.query(SPEND, [apiLimitKey(address), expire, now]);
  // Kept lookups are most of the API's spends: they clean up too, after answering (a failure is retried next time).
  if (++spends % CLEANUP_EVERY === 0) await pool.query(CLEANUP, [new Date()]).catch(() => undefined);
  return rows[0].points <= API_LIMIT.points;
}
