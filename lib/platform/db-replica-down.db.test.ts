import { afterAll, expect, test } from "vitest";

// A replica nobody answers at (a closed port): public reads must go on, from the primary, and /api/ready must say
// so without taking the instance out of the load balancer. (Set before lib/platform/env.ts is first imported.)
process.env.DATABASE_REPLICA_URLS = "postgresql://postgres:postgres@127.0.0.1:9/replica";

const { db, dbRead, disconnectDb, replicaFallbackActive } = await import("./db");
const { readiness } = await import("./health");

const e164 = `+61491${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;

afterAll(async () => {
  await disconnectDb();
});

test("reads meant for an unreachable replica are answered by the primary, and the instance stays ready saying so", async () => {
  await db.phoneNumber.create({ data: { e164, country: "AU", type: "MOBILE", reportCount: 3, reporterCount: 3 } });
  expect(replicaFallbackActive()).toBe(false);
  // The first read meets the dead replica and is answered from the primary …
  expect(await dbRead.phoneNumber.findUnique({ where: { e164 }, select: { reportCount: true } })).toEqual({ reportCount: 3 });
  expect(replicaFallbackActive()).toBe(true);
  // … and the next ones go to the primary at once.
  expect(await dbRead.phoneNumber.count({ where: { e164 } })).toBe(1);
  expect(await readiness()).toEqual({ ready: true, degraded: ["replica-unreachable"] });
  // A query's own error is not a replica outage: it still fails.
  await expect(dbRead.phoneNumber.findUniqueOrThrow({ where: { e164: "+610000000000" } })).rejects.toThrow();
});
