import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "@/lib/accounts/authz";
import { currentVersion, refreshListing } from "@/lib/feeds/listing";
import { numberHash } from "@/lib/feeds/rules";
import { db } from "@/lib/platform/db";
import { addRegistryEntry, revokeRegistryEntry } from "@/lib/registry/promote";
import { createReport } from "@/lib/reports/report";
import { GET } from "./route";

const DAY = 86_400_000;
const key = () => randomBytes(6).toString("hex");
let address = 0;

async function member(role: "USER" | "MODERATOR" = "USER"): Promise<Actor> {
  const createdAt = new Date(Date.now() - 60 * DAY);
  return db.user.create({
    data: { email: `feeds-${key()}@example.com`, name: "Feeds", role, createdAt, emailVerified: createdAt },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

async function reportBy(count: number, number: string, category: string) {
  for (let i = 0; i < count; i++) {
    await createReport(await member(), { number, channel: "CALL", category, askedFor: [], idempotencyKey: key() }, { address: "feeds" });
  }
}

function feed(name: string, query = "", headers: Record<string, string> = {}) {
  return GET(new Request(`http://localhost/api/v1/feeds/${name}${query}`, { headers: { "x-forwarded-for": `10.9.0.${++address % 250}`, ...headers } }), {
    params: Promise.resolve({ feed: name }),
  });
}

type Json = { version: string; more: boolean; entries: { e164: string; listed: boolean; version: string; category?: string | null; confidence?: number; organisations?: { name: string }[] }[] };
const json = async (response: Response) => {
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
};

describe("blocklist", () => {
  test("since a version: the new listing, then its removal, and nothing else", async () => {
    const v0 = String(await currentVersion());
    await reportBy(5, "+61491570201", "SCAM");
    await reportBy(1, "+61491570202", "SCAM"); // one report: not enough evidence to block

    const first = await json(await feed("blocklist.json", `?since=${v0}`));
    expect(first.entries).toEqual([expect.objectContaining({ e164: "+61491570201", listed: true, category: "SCAM" })]);
    expect(first.entries[0]!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(BigInt(first.version)).toBeGreaterThan(BigInt(v0));

    // Nothing changed: the same version answers an empty list.
    expect((await json(await feed("blocklist.json", `?since=${first.version}`))).entries).toEqual([]);
    // minConfidence above its confidence: it reads as not listed.
    const strict = await json(await feed("blocklist.json", `?minConfidence=0.99`));
    expect(strict.entries.map((e) => e.e164)).not.toContain("+61491570201");

    await reportBy(5, "+61491570201", "LEGITIMATE"); // now disputed: it leaves the list
    const second = await json(await feed("blocklist.json", `?since=${first.version}`));
    expect(second.entries).toEqual([expect.objectContaining({ e164: "+61491570201", listed: false, category: null })]);
    const whole = await json(await feed("blocklist.json"));
    expect(whole.entries.map((e) => e.e164)).not.toContain("+61491570201");

    const csv = await (await feed("blocklist.csv", `?since=${first.version}`)).text();
    expect(csv.trim().split("\r\n")).toEqual(["number,sha256,listed,version,category,confidence", `+61491570201,${numberHash("+61491570201")},false,${second.entries[0]!.version},,`]);
  });

  test("a refresh that changes nothing gives out no version", async () => {
    await reportBy(5, "+61491570203", "SCAM");
    const before = await currentVersion();
    await refreshListing("+61491570203");
    expect(await currentVersion()).toBe(before);
  });

  test("bad parameters are a 400 and an unknown feed a 404", async () => {
    expect((await feed("blocklist.json", "?since=yesterday")).status).toBe(400);
    expect((await feed("blocklist.json", "?minConfidence=2")).status).toBe(400);
    expect((await feed("everything.json")).status).toBe(404);
  });
});

describe("allow-list", () => {
  test("a verified number, then its revocation, in JSON, CSV and vCard; cacheable", async () => {
    const moderator = await member("MODERATOR");
    const org = await db.organisation.create({ data: { slug: `harbour-${key()}`, name: "Harbour Health", category: "INSURER", country: "AU" } });
    const v0 = String(await currentVersion());
    const added = await addRegistryEntry(moderator, { number: "02 7010 1234", organisationId: org.id, evidence: { method: "OFFICIAL_WEBSITE", source: "https://example.org/contact" } });
    await addRegistryEntry(moderator, { number: "02 7010 1235", organisationId: org.id, evidence: { method: "OFFICIAL_WEBSITE", source: "https://example.org/contact" } });

    const first = await json(await feed("allowlist.json", `?since=${v0}`));
    expect(first.entries.map((e) => [e.e164, e.listed, e.organisations?.map((o) => o.name)])).toEqual([
      ["+61270101234", true, ["Harbour Health"]],
      ["+61270101235", true, ["Harbour Health"]],
    ]);
    const vcard = await (await feed("allowlist.vcf", `?since=${v0}`)).text();
    expect(vcard.match(/BEGIN:VCARD/g)).toHaveLength(1);
    expect(vcard).toContain("tel:+61270101234");
    expect(vcard).toContain("tel:+61270101235");

    await revokeRegistryEntry(moderator, added.id, "The organisation stopped using this line.");
    const second = await json(await feed("allowlist.json", `?since=${first.version}`));
    expect(second.entries.map((e) => [e.e164, e.listed, e.organisations?.map((o) => o.name)])).toEqual([["+61270101234", false, ["Harbour Health"]]]);
    const vcardAfter = await (await feed("allowlist.vcf", `?since=${first.version}`)).text();
    expect(vcardAfter).not.toContain("tel:+61270101234");
    expect(vcardAfter).toContain("tel:+61270101235");
    const csv = await (await feed("allowlist.csv")).text();
    expect(csv).toContain("+61270101235");
    expect(csv).not.toContain("+61270101234");

    const response = await feed("allowlist.json", `?since=${first.version}`);
    expect(response.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    expect(response.headers.get("last-modified")).toBeTruthy();
    expect(response.headers.get("link")).toContain("creativecommons.org/licenses/by/4.0");
    const etag = response.headers.get("etag")!;
    expect((await feed("allowlist.json", `?since=${first.version}`, { "if-none-match": etag })).status).toBe(304);
    expect((await feed("allowlist.json", `?since=${v0}`, { "if-none-match": etag })).status).toBe(200);
  });

  test("limit pages through the changes in version order", async () => {
    const moderator = await member("MODERATOR");
    const org = await db.organisation.create({ data: { slug: `paged-${key()}`, name: "Paged Bank", category: "BANK" } });
    const v0 = String(await currentVersion());
    for (const n of ["02 7010 2001", "02 7010 2002", "02 7010 2003"]) {
      await addRegistryEntry(moderator, { number: n, organisationId: org.id, evidence: { method: "OFFICIAL_WEBSITE", source: "https://example.org" } });
    }
    const one = await json(await feed("allowlist.json", `?since=${v0}&limit=2`));
    expect(one.more).toBe(true);
    expect(one.entries.map((e) => e.e164)).toEqual(["+61270102001", "+61270102002"]);
    const two = await json(await feed("allowlist.json", `?since=${one.version}&limit=2`));
    expect(two.more).toBe(false);
    expect(two.entries.map((e) => e.e164)).toEqual(["+61270102003"]);

    // CSV has no "more": a cut answer names the rest in its Link header (rel="next"), the last one does not.
    const csv = await feed("allowlist.csv", `?since=${v0}&limit=2`);
    const next = /<([^>]+)>; rel="next"/.exec(csv.headers.get("link") ?? "")?.[1];
    expect(next).toBeDefined();
    expect(new URL(next!).searchParams.get("since")).toBe(one.version);
    expect(new URL(next!).pathname).toBe("/api/v1/feeds/allowlist.csv");
    expect(csv.headers.get("link")).toContain('rel="license"');
    const rest = await feed("allowlist.csv", `?since=${one.version}&limit=2`);
    expect(rest.headers.get("link")).not.toContain('rel="next"');
    expect(await rest.text()).toContain("+61270102003");
  });
});
