import { randomBytes } from "node:crypto";
import { afterEach, expect, test } from "vitest";
import { db, sql, sqlIn } from "./db";
import { isUniqueViolation, sqlStateOf } from "./errors";

// sql() runs the busiest statements straight on the pool Prisma's adapter uses. It must read and write
// timestamps as Prisma does (UTC, whatever the process's zone) and fail as Prisma's raw queries do.

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

const key = () => `sql-test:${randomBytes(6).toString("hex")}`;

test("a Date goes in and comes out as the same instant, in a process far from UTC, and agrees with Prisma", async () => {
  process.env.TZ = "Australia/Sydney";
  expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).not.toBe(0);
  const at = new Date(Date.UTC(2026, 5, 1, 12, 30, 15, 123));

  const written = key();
  await sql(`INSERT INTO "RateLimit" (key, points, expire) VALUES ($1, 1, $2::timestamp)`, [written, at]);
  expect((await db.rateLimit.findUniqueOrThrow({ where: { key: written } })).expire).toEqual(at);

  const byPrisma = key();
  await db.rateLimit.create({ data: { key: byPrisma, points: 1, expire: at } });
  const [row] = await sql<{ expire: Date }>(`SELECT expire FROM "RateLimit" WHERE key = $1`, [byPrisma]);
  expect(row.expire).toEqual(at);

  // The same statement inside a Prisma transaction reads the same.
  const [inTx] = await db.$transaction((tx) => sqlIn<{ expire: Date }>(tx, `SELECT expire FROM "RateLimit" WHERE key = $1`, [byPrisma]));
  expect(inTx.expire).toEqual(at);
});

test("a constraint violation carries its SQLSTATE, as a Prisma raw query's does", async () => {
  const taken = key();
  await sql(`INSERT INTO "RateLimit" (key, points) VALUES ($1, 1)`, [taken]);
  const direct = await sql(`INSERT INTO "RateLimit" (key, points) VALUES ($1, 1)`, [taken]).catch((error: unknown) => error);
  const viaPrisma = await db.$queryRawUnsafe(`INSERT INTO "RateLimit" (key, points) VALUES ($1, 1)`, taken).catch((error: unknown) => error);
  expect(sqlStateOf(direct)).toBe("23505");
  expect(sqlStateOf(viaPrisma)).toBe("23505");
  expect(isUniqueViolation(direct)).toBe(true);
});
