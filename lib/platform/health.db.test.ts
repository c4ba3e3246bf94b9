import { expect, test } from "vitest";
import { db } from "./db";
import { pingDatabase, readiness, shippedMigrations } from "./health";
import { GET as health } from "../../app/api/health/route";
import { GET as ready } from "../../app/api/ready/route";

test("a migrated database is ready, and /api/ready says so", async () => {
  expect(await pingDatabase()).toBe(true);
  expect(await readiness()).toEqual({ ready: true });
  const response = await ready();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ready" });
});

test("a migration this build ships but the database lacks: not ready, 503, named", async () => {
  const shipped = await shippedMigrations();
  expect(shipped.length).toBeGreaterThan(0);
  expect(await readiness([...shipped, "29991231000000_from_the_future"])).toEqual({ ready: false, reason: "migrations-pending", detail: ["29991231000000_from_the_future"] });
});

test("a half-applied migration is not ready", async () => {
  const [latest] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM "_prisma_migrations" ORDER BY started_at DESC LIMIT 1`;
  await db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE id = ${latest!.id}`;
  try {
    const result = await readiness();
    expect(result).toMatchObject({ ready: false, reason: "migration-failed" });
    const response = await ready();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
  } finally {
    await db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = now() WHERE id = ${latest!.id}`;
  }
});

test("liveness never needs the database", async () => {
  const response = health();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
