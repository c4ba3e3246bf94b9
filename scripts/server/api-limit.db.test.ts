import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { consumeLimit } from "@/lib/platform/rate-limit";
import { API_LIMIT, spendApiLimit } from "./api-limit.mjs";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
afterAll(() => pool.end());

test("the server's spends and the app's count in one bucket: answers kept or rendered, the limit is the same", async () => {
  const address = `2001:db8::${randomBytes(2).toString("hex")}`;
  for (let i = 0; i < API_LIMIT.points - 1; i++) expect(await spendApiLimit(pool, address), `spend ${i + 1}`).toBe(true);
  await consumeLimit("api", `address:${address}`);
  expect(await spendApiLimit(pool, address)).toBe(false);
  await expect(consumeLimit("api", `address:${address}`)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  // Another address is not affected.
  expect(await spendApiLimit(pool, `2001:db8::${randomBytes(2).toString("hex")}`)).toBe(true);
});

test("a window that has ended starts again at one", async () => {
  const address = `2001:db8::${randomBytes(2).toString("hex")}`;
  const then = new Date(Date.now() - 120_000);
  for (let i = 0; i < API_LIMIT.points + 5; i++) await spendApiLimit(pool, address, then);
  expect(await spendApiLimit(pool, address, then)).toBe(false);
  expect(await spendApiLimit(pool, address)).toBe(true);
  const { rows } = await pool.query(`SELECT points FROM "RateLimit" WHERE key = $1`, [`api:address:${address}`]);
  expect(rows[0].points).toBe(1);
});

test("its spends clean up expired rows too, as the app's do: every 256th deletes up to 1,000", async () => {
  const tag = randomBytes(4).toString("hex");
  await pool.query(`INSERT INTO "RateLimit" (key, points, expire) SELECT 'old:${tag}:' || i, 1, '2000-01-01' FROM generate_series(1, 5) AS i`);
  for (let i = 0; i < 256; i++) await spendApiLimit(pool, `2001:db8::1:${tag}:${i}`);
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "RateLimit" WHERE key LIKE $1`, [`old:${tag}:%`]);
  expect(rows[0].n).toBe(0);
});
