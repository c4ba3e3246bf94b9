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

/** Spends one point of the address's API limit; true while within it. `pool`: a pg Pool. */
export async function spendApiLimit(pool, address, now = new Date()) {
  const expire = new Date(now.getTime() + API_LIMIT.duration * 1000);
  const { rows } = await pool.query(SPEND, [apiLimitKey(address), expire, now]);
  return rows[0].points <= API_LIMIT.points;
}
