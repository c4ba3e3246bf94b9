// Search, directory and merge over the real seed data: the directory seed, then the impersonated
// organisations merged into it (prisma/seed-impersonated.ts).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "../platform/db";
import { seedOrganisations } from "../../prisma/seed-organisations";
import { seedImpersonated } from "../../prisma/seed-impersonated";
import { searchOrganisations } from "./search";
import { getOrganisationPage, listOrganisations } from "./organisation";
import { mergeOrganisation } from "./admin";
import { organisationSearchText } from "./slug";

const uid = () => randomBytes(4).toString("hex");
let summary = "";

beforeAll(async () => {
  await seedOrganisations(db);
  summary = await seedImpersonated(db);
});

const first = async (q: string, region: string | null = "AU") => (await searchOrganisations(q, { region }))[0]?.name;

describe("the seed", () => {
  test("adds the impersonated organisations once, enriching or merging the directory's rows, and says what it did", async () => {
    expect(summary).toMatch(/^57 impersonated organisations \(51 new, 6 enriched, 2 directory lines merged in\), 50 contact numbers, 114 sources, 4 SMS short codes skipped$/);
    expect(await db.organisation.count({ where: { name: "Australian Taxation Office" } })).toBe(1);
    expect(await db.organisation.count({ where: { name: "Internal Revenue Service" } })).toBe(1);
    const medicareLine = await db.organisation.findFirstOrThrow({ where: { name: "Medicare", country: "AU" }, select: { status: true, mergedInto: { select: { name: true } } } });
    expect(medicareLine).toEqual({ status: "MERGED", mergedInto: { name: "Services Australia" } });
    const page = await getOrganisationPage("services-australia");
    if (!page || "redirectTo" in page) throw new Error("no page");
    expect(page.contactNumbers.map((n) => n.e164)).toEqual(expect.arrayContaining(["+611800941126", "+61132011"]));
    expect(page.sources.length).toBeGreaterThanOrEqual(5);
    expect(page.organisation.aliases).toEqual(expect.arrayContaining(["Centrelink", "Medicare"]));
    const irs = await db.organisation.findFirstOrThrow({ where: { name: "Internal Revenue Service" }, select: { searchText: true, sourceCredit: true, policyNeverAsks: true, _count: { select: { sources: true, contactNumbers: true } } } });
    expect(irs.searchText).toContain("tax department"); // a new alias is searchable
    expect(irs.sourceCredit).toMatch(/USA\.gov/); // the directory's credit stays
    expect(irs.policyNeverAsks).toMatch(/^“The IRS does not leave pre-recorded/);
    expect(irs._count).toEqual({ sources: 3, contactNumbers: 1 });
  });
});

describe("searchOrganisations over the seed", () => {
  test.each([
    ["ATO", "Australian Taxation Office"],
    ["tax office", "Australian Taxation Office"],
    ["Centrelink", "Services Australia"],
    ["Medicare", "Services Australia"],
    ["CommBank", "Commonwealth Bank of Australia"],
    ["Telstra", "Telstra"],
    ["westpac", "Westpac Banking Corporation"],
    ["st george", "St.George Bank"],
    ["irs", "Internal Revenue Service"],
  ])("%s finds %s first (region AU)", async (q, expected) => {
    expect(await first(q)).toBe(expected);
  });

  test("the region chosen decides between Australia's and America's Medicare", async () => {
    expect(await first("medicare", "US")).toBe("Centers for Medicare and Medicaid Services");
    expect(await first("medicare", "AU")).toBe("Services Australia");
  });

  test("organisations people report come first among equal matches", async () => {
    const [a, b] = [`Zebra Pay ${uid()}`, `Zebra Pay ${uid()}`];
    for (const [name, reportCount] of [[a, 0], [b, 400]] as const) {
      await db.organisation.create({ data: { name, slug: name.toLowerCase().replace(/ /g, "-"), country: "AU", reportCount, searchText: organisationSearchText({ name }) } });
    }
    expect((await searchOrganisations("zebra pay", { region: "AU" })).map((o) => o.name).slice(0, 2)).toEqual([b, a]);
  });

  test("a proposal is offered to its proposer and to moderators, never to other members or visitors", async () => {
    const [proposer, other, moderator] = await Promise.all(
      (["USER", "USER", "MODERATOR"] as const).map((role) => db.user.create({ data: { email: `${uid()}@example.com`, name: "U", role }, select: { id: true, role: true } })),
    );
    const name = `Harbour Junk ${uid()}`;
    await db.organisation.create({ data: { name, slug: `junk-${uid()}`, status: "PROPOSED", proposedById: proposer.id, searchText: organisationSearchText({ name }) } });
    const found = async (viewer: { id: string; role: "USER" | "MODERATOR" | "ADMIN" } | null) => (await searchOrganisations(name, { viewer })).some((o) => o.name === name);
    expect(await found(proposer)).toBe(true);
    expect(await found(moderator)).toBe(true);
    expect(await found(other)).toBe(false);
    expect(await found(null)).toBe(false);
    expect((await listOrganisations({ q: name, viewer: proposer })).total).toBe(1);
    expect((await listOrganisations({ q: name })).total).toBe(0);
  });
});

describe("the directory", () => {
  test("lists the default region's organisations first, then the others; filters by country and category", async () => {
    const all = await listOrganisations({ region: "AU" });
    expect(all.organisations.every((o) => o.country === "AU")).toBe(true);
    const us = await listOrganisations({ region: "US" });
    expect(us.organisations.every((o) => o.country === "US")).toBe(true);
    const auCount = await db.organisation.count({ where: { country: "AU", status: "ACTIVE" } });
    const lastAuPage = await listOrganisations({ region: "AU", page: Math.ceil(auCount / 20) + 1 });
    expect(lastAuPage.organisations.every((o) => o.country !== "AU")).toBe(true);

    const banksUs = await listOrganisations({ region: "AU", category: "BANK", country: "US" });
    expect(banksUs.organisations.map((o) => o.name).sort()).toEqual(["Bank of America", "Capital One", "JPMorgan Chase Bank", "Wells Fargo"]);
    const telcos = await listOrganisations({ region: "AU", category: "TELCO" });
    expect(telcos.organisations.slice(0, 5).every((o) => o.country === "AU")).toBe(true);
    expect(telcos.organisations.map((o) => o.name)).toEqual(expect.arrayContaining(["Telstra", "Optus", "AT&T"]));
    expect((await listOrganisations({ q: "ATO", region: "AU" })).organisations[0].name).toBe("Australian Taxation Office");
  });
});

describe("mergeOrganisation", () => {
  test("moves contact numbers (the target's row wins on a shared number) and sources, crediting the merged one's source", async () => {
    const moderator = await db.user.create({ data: { email: `${uid()}@example.com`, name: "Mod", role: "MODERATOR" }, select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true } });
    const make = (name: string, data: object = {}) => db.organisation.create({ data: { name, slug: `m-${uid()}`, country: "AU", searchText: name.toLowerCase(), ...data }, select: { id: true, slug: true } });
    const target = await make("Merge Target Bank");
    const source = await make("Merge Target Bank Typo", { status: "PROPOSED", sourceUrl: "https://example.org/dir", sourceCredit: "Example directory" });
    await db.organisationContactNumber.createMany({
      data: [
        { organisationId: target.id, e164: "+61132221", purpose: "target's" },
        { organisationId: source.id, e164: "+61132221", purpose: "source's duplicate" },
        { organisationId: source.id, e164: "+611800160401", purpose: "only the source lists it" },
      ],
    });
    await db.organisationSource.create({ data: { organisationId: source.id, url: "https://example.org/scams", title: "Scams", excerpt: "We never call." } });

    await mergeOrganisation(moderator, source.id, target.id, "Same bank, misspelt");

    const page = await getOrganisationPage(target.slug);
    if (!page || "redirectTo" in page) throw new Error("no page");
    expect(page.contactNumbers.map((n) => [n.e164, n.purpose]).sort()).toEqual([["+61132221", "target's"], ["+611800160401", "only the source lists it"]]);
    expect(page.sources).toEqual(expect.arrayContaining([
      { url: "https://example.org/scams", title: "Scams", excerpt: "We never call." },
      { url: "https://example.org/dir", title: "Merge Target Bank Typo: Example directory", excerpt: null },
    ]));
    expect(await db.organisationContactNumber.count({ where: { organisationId: source.id } })).toBe(0);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "organisation.merge", targetId: source.id }, select: { after: true } });
    expect(audit.after).toMatchObject({ contactNumbersMoved: 1, sourcesMoved: 2 });
  });
});
