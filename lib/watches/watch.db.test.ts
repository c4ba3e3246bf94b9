import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { recountAll } from "../numbers/counters";
import { db } from "../platform/db";
import { listWatches, unwatchNumber, watchNumber } from "./watch";

async function member(options: { suspended?: boolean } = {}): Promise<Actor> {
  return db.user.create({
    data: { email: `watcher-${randomBytes(4).toString("hex")}@example.com`, name: "Watcher", emailVerified: new Date(), suspendedAt: options.suspended ? new Date() : null },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

const watchCount = async (e164: string) => (await db.phoneNumber.findUnique({ where: { e164 }, select: { watchCount: true } }))?.watchCount;

async function expectWatchCountsMatchRows() {
  const read = () => db.phoneNumber.findMany({ orderBy: { e164: "asc" }, select: { e164: true, watchCount: true } });
  const live = await read();
  await recountAll(db);
  expect(await read()).toEqual(live);
}

describe("watching a number", () => {
  test("watch creates the number row, counts once however often it is pressed, and unwatch undoes it", async () => {
    const [a, b] = [await member(), await member()];
    const e164 = "+61491570201";
    expect(await db.phoneNumber.count({ where: { e164 } })).toBe(0);
    await watchNumber(a, { e164 });
    expect(await db.phoneNumber.findUnique({ where: { e164 }, select: { type: true, watchCount: true } })).toEqual({ type: "MOBILE", watchCount: 1 });
    // A double click, at the same moment and again afterwards.
    await Promise.all([watchNumber(a, { e164 }), watchNumber(a, { e164 })]);
    await watchNumber(b, { e164 });
    expect(await watchCount(e164)).toBe(2);
    expect(await db.watch.count({ where: { userId: a.id, e164 } })).toBe(1);

    await Promise.all([unwatchNumber(a, { e164 }), unwatchNumber(a, { e164 })]);
    expect(await watchCount(e164)).toBe(1);
    expect(await db.watch.count({ where: { userId: a.id, e164 } })).toBe(0);
    await unwatchNumber(a, { e164 });
    expect(await watchCount(e164)).toBe(1);
    await expectWatchCountsMatchRows();
  });

  test("the account list shows each watched number's activity, most recently reported first", async () => {
    const a = await member();
    await db.phoneNumber.create({ data: { e164: "+61491570202", reportCount: 3, lastReportedAt: new Date("2025-01-02T00:00:00Z") } });
    await db.phoneNumber.create({ data: { e164: "+61491570203", reportCount: 7, lastReportedAt: new Date("2025-03-02T00:00:00Z") } });
    await watchNumber(a, { e164: "+61491570202" });
    await watchNumber(a, { e164: "+61491570203" });
    await watchNumber(a, { e164: "+61491570204" });
    const list = await listWatches(a.id);
    expect(list.map((w) => [w.e164, w.reportCount, w.lastReportedAt?.toISOString() ?? null])).toEqual([
      ["+61491570203", 7, "2025-03-02T00:00:00.000Z"],
      ["+61491570202", 3, "2025-01-02T00:00:00.000Z"],
      ["+61491570204", 0, null],
    ]);
    expect(await listWatches((await member()).id)).toEqual([]);
  });

  test("visitors, suspended members and bad numbers are refused, nothing stored", async () => {
    await expect(watchNumber(null, { e164: "+61491570205" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(watchNumber(await member({ suspended: true }), { e164: "+61491570205" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const a = await member();
    await expect(watchNumber(a, { e164: "0412 345 678" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(watchNumber(a, { e164: "+999999" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(watchNumber(a, {})).rejects.toMatchObject({ code: "INVALID" });
    expect(await db.watch.count({ where: { userId: a.id } })).toBe(0);
    expect(await db.phoneNumber.count({ where: { e164: { in: ["+61491570205", "+999999"] } } })).toBe(0);
  });
});
