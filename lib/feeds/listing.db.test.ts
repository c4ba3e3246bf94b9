import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { db } from "../platform/db";
import { createReport } from "../reports/report";
import { refreshListingLater } from "./listing";

const DAY = 86_400_000;
const key = () => randomBytes(6).toString("hex");

async function member(): Promise<Actor> {
  const createdAt = new Date(Date.now() - 60 * DAY);
  return db.user.create({
    data: { email: `listing-${key()}@example.com`, name: "Listing", createdAt, emailVerified: createdAt },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

const listed = async (e164: string) => (await db.listedNumber.count({ where: { e164 } })) === 1;

async function until(check: () => Promise<boolean>, seconds: number) {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

test("refreshListingLater refreshes at once, then once when the window ends for every ask inside it", async () => {
  const e164 = `+6149157${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
  // Five members' scam reports list the number on the blocklist (each report refreshes it, awaited).
  for (let i = 0; i < 5; i++) await createReport(await member(), { number: e164, channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: key() }, { address: `listing-${i}` });
  expect(await listed(e164)).toBe(true);

  // A window long enough that the first refresh is over well before it ends, even on a slow machine.
  const windowMs = 4_000;
  await db.listedNumber.delete({ where: { e164 } });
  const asked = Date.now();
  refreshListingLater(e164, windowMs);
  refreshListingLater(e164, windowMs);
  refreshListingLater(e164, windowMs);
  // The first ask refreshes at once (the listing, removed behind its back, comes back)…
  expect(await until(() => listed(e164), windowMs / 1000 - 1)).toBe(true);
  // …and the two asks inside the window make one more refresh when it ends, not before.
  await db.listedNumber.delete({ where: { e164 } });
  expect(await until(() => listed(e164), 10 + windowMs / 1000)).toBe(true);
  expect(Date.now() - asked).toBeGreaterThanOrEqual(windowMs - 50);
  // Nothing more was asked: no refresh after that one.
  await db.listedNumber.delete({ where: { e164 } });
  await new Promise((resolve) => setTimeout(resolve, windowMs + 500));
  expect(await listed(e164)).toBe(false);
});
