import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { dropDatabase } from "../../scripts/embedded-db.mjs";
import { cloneTemplate } from "../../scripts/test/test-db.mjs";

// A second database stands in for a replica that has not caught up: reads that may lag must come
// from it, writes and fresh reads from the primary. (Set before lib/platform/env.ts is first imported.)
const adminUrl = inject("pgAdminUrl");
const replicaName = `cc_replica_${randomBytes(6).toString("hex")}`;
const replicaUrl = await cloneTemplate(adminUrl, replicaName);
process.env.DATABASE_REPLICA_URLS = ` ${replicaUrl} `;

const { db, dbRead, disconnectDb } = await import("./db");
const { lookupNumber } = await import("../numbers/lookup");
const { listRegistry } = await import("../registry/feed");

const e164 = `+61491${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;

beforeAll(async () => {
  await db.phoneNumber.create({ data: { e164, country: "AU", type: "MOBILE", reportCount: 3, reporterCount: 3 } });
});

afterAll(async () => {
  await disconnectDb();
  await dropDatabase(adminUrl, replicaName);
});

test("model reads through dbRead go to the replica; db reads the primary", async () => {
  expect(await db.phoneNumber.findUnique({ where: { e164 }, select: { e164: true } })).toEqual({ e164 });
  // Not "replicated" yet: the replica does not have it.
  expect(await dbRead.phoneNumber.findUnique({ where: { e164 } })).toBeNull();
  expect(await dbRead.phoneNumber.count({ where: { e164 } })).toBe(0);
});

test("writes and transactions through dbRead still go to the primary", async () => {
  await dbRead.phoneNumber.update({ where: { e164 }, data: { commentCount: 7 } });
  expect((await db.phoneNumber.findUnique({ where: { e164 }, select: { commentCount: true } }))?.commentCount).toBe(7);
  const inTransaction = await dbRead.$transaction((tx) => tx.phoneNumber.findUnique({ where: { e164 }, select: { e164: true } }));
  expect(inTransaction).toEqual({ e164 });
});

test("the public lookup API reads the replica", async () => {
  const lookup = await lookupNumber({ number: e164 });
  expect(lookup.e164).toBe(e164);
  // The replica has no row for it yet; the primary counts three reporters.
  expect(lookup.counts.reports).toBe(0);
});

test("public registry reads the replica, moderators' fresh reads the primary", async () => {
  const organisation = await db.organisation.create({ data: { name: `Replica Test ${e164}`, slug: `replica-test-${e164.slice(1)}`, status: "ACTIVE", category: "BANK" } });
  await db.claim.create({ data: { e164, organisationId: organisation.id, organisationKey: organisation.id, status: "VERIFIED", verifiedAt: new Date(), statusChangedAt: new Date() } });
  const mine = (entries: { e164: string }[]) => entries.filter((entry) => entry.e164 === e164);
  expect(mine(await listRegistry({ q: e164 }))).toHaveLength(0);
  expect(mine(await listRegistry({ q: e164 }, { fresh: true }))).toHaveLength(1);
});
