import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { db } from "./db";
import { AppError } from "./errors";
import { consumeLimits, deleteExpiredLimits, LIMITS } from "./rate-limit";

const id = () => randomBytes(6).toString("hex");

test("several limits are spent in one go; when one is used up the others are given back", async () => {
  const [user, address] = [id(), id()];
  for (let i = 0; i < LIMITS.removal.points; i++) await consumeLimits([["removal", user], ["comment", address]]);
  const error = await consumeLimits([["comment", address], ["removal", user, "You have asked a lot"]]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^You have asked a lot\. Try again in about 2\d hours\.$/) });
  const rows = await db.rateLimit.findMany({ where: { key: { in: [`removal:${user}`, `comment:${address}`] } }, orderBy: { key: "asc" } });
  // The used-up limit stays spent; the comment limit got its point back.
  expect(rows.map((row) => [row.key.split(":")[0], row.points])).toEqual([["comment", LIMITS.removal.points], ["removal", LIMITS.removal.points + 1]]);
});

test("a window that has ended starts again at one", async () => {
  const key = id();
  const past = new Date(Date.now() - 2 * LIMITS.flag.duration * 1000);
  for (let i = 0; i < LIMITS.flag.points; i++) await consumeLimits([["flag", key]], past);
  await expect(consumeLimits([["flag", key]], past)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  await consumeLimits([["flag", key]]);
  expect(await db.rateLimit.findUnique({ where: { key: `flag:${key}` }, select: { points: true } })).toEqual({ points: 1 });
});

test("expired rows are deleted in bounded batches, live ones kept", async () => {
  const tag = id();
  const past = new Date(Date.now() - 3 * 86_400_000);
  for (let i = 0; i < 5; i++) await consumeLimits([["watch", `${tag}-old-${i}`]], past);
  await consumeLimits([["watch", `${tag}-live`]]);
  const count = () => db.rateLimit.count({ where: { key: { startsWith: `watch:${tag}` } } });
  expect(await count()).toBe(6);
  expect(await deleteExpiredLimits(new Date(), 3)).toBe(3);
  expect(await deleteExpiredLimits(new Date())).toBeGreaterThanOrEqual(2);
  expect(await db.rateLimit.findMany({ where: { key: { startsWith: `watch:${tag}` } }, select: { key: true } })).toEqual([{ key: `watch:${tag}-live` }]);
});

test("spending limits cleans up: within every 256 spends, expired rows (oldest first) are deleted", async () => {
  const tag = id();
  await db.$executeRawUnsafe(`INSERT INTO "RateLimit" (key, points, expire) SELECT 'old:${tag}:' || i, 1, '2000-01-01' FROM generate_series(1, 5) AS i`);
  for (let i = 0; i < 256; i++) await consumeLimits([["watch", `${tag}-${i}`]]);
  expect(await db.rateLimit.count({ where: { key: { startsWith: `old:${tag}:` } } })).toBe(0);
});
