import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { getOrganisationPage } from "../organisations/organisation";
import { db } from "../platform/db";
import { listRegistryPage, REGISTRY_PAGE_SIZE } from "./feed";

async function organisationWithNumbers(verified: number, claimed: number) {
  const tag = randomBytes(4).toString("hex");
  const org = await db.organisation.create({ data: { name: `Paging ${tag}`, slug: `paging-${tag}`, searchText: `paging ${tag}` }, select: { id: true, slug: true, name: true } });
  const base = 61_270_000_000 + Math.floor(Math.random() * 9_000) * 1_000;
  const numbers = Array.from({ length: verified + claimed }, (_, i) => `+${base + i}`);
  await db.phoneNumber.createMany({ data: numbers.map((e164) => ({ e164, country: "AU", type: "FIXED_LINE" })) });
  await db.claim.createMany({
    data: numbers.map((e164, i) => ({
      e164,
      organisationId: org.id,
      organisationKey: org.id,
      status: i < verified ? "VERIFIED" : "UNVERIFIED",
      verifiedAt: i < verified ? new Date(Date.UTC(2026, 0, 1) + (i % 7) * 86_400_000) : null,
      reportCount: i % 5,
    })),
  });
  return { org, numbers: numbers.slice(0, verified), claimedNumbers: numbers.slice(verified) };
}

test("the registry pages with a cursor: bounded pages, every entry exactly once, in order", async () => {
  const { org, numbers } = await organisationWithNumbers(2 * REGISTRY_PAGE_SIZE + 7, 0);
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const result = await listRegistryPage({ q: org.name.toLowerCase(), cursor });
    expect(result.entries.length).toBeLessThanOrEqual(REGISTRY_PAGE_SIZE);
    expect(result.total).toBe(numbers.length);
    seen.push(...result.entries.map((entry) => entry.e164));
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  expect(seen).toEqual([...numbers].sort());
  // A cursor that is not ours starts from the first page rather than failing.
  expect((await listRegistryPage({ q: org.name.toLowerCase(), cursor: "not-a-cursor\u0000" })).entries[0].e164).toBe(seen[0]);
});

test("an organisation's verified and claimed numbers page with cursors, every number exactly once", async () => {
  const { org, numbers, claimedNumbers } = await organisationWithNumbers(120, 75);
  const walk = async (key: "verifiedAfter" | "claimedAfter") => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await getOrganisationPage(org.slug, { [key]: after });
      if (!result || "redirectTo" in result) throw new Error("no page");
      const list = key === "verifiedAfter" ? result.verified : result.claimed;
      expect(list.length).toBeLessThanOrEqual(50);
      seen.push(...list.map((claim) => claim.e164));
      const next = key === "verifiedAfter" ? result.nextVerified : result.nextClaimed;
      if (!next) break;
      after = next;
    }
    return seen;
  };
  const verified = await walk("verifiedAfter");
  expect(verified).toHaveLength(numbers.length);
  expect([...verified].sort()).toEqual([...numbers].sort());
  const claimed = await walk("claimedAfter");
  expect([...claimed].sort()).toEqual([...claimedNumbers].sort());
});
