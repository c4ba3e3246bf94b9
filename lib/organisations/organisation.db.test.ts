import { beforeAll, describe, expect, test } from "vitest";
import { db } from "../platform/db";
import { organisationSearchText, slugify } from "./slug";
import { getOrganisationPage, listOrganisations } from "./organisation";
import { searchOrganisations } from "./search";

type Seed = { name: string; acronym?: string; aliases?: string[]; domains?: string[]; status?: "ACTIVE" | "PROPOSED" | "MERGED"; category?: "BANK" | "INSURER" | "GOVERNMENT" | "OTHER"; country?: string };

const ORGS: Seed[] = [
  { name: "Harbour Health Insurance", aliases: ["HHI", "Harbour Health"], domains: ["harbourhealth.example"], category: "INSURER", country: "AU" },
  { name: "Southern Cross Mutual Bank", aliases: ["SCM Bank"], domains: ["scmbank.example"], category: "BANK", country: "AU" },
  { name: "Australian Taxation Office", acronym: "ATO", domains: ["ato.gov.au"], category: "GOVERNMENT", country: "AU" },
  { name: "Internal Revenue Service", acronym: "IRS", domains: ["irs.gov"], category: "GOVERNMENT", country: "US" },
  { name: "Quick Parcel Delivery", status: "PROPOSED" }, // proposed by nobody: only staff see it
  { name: "Harbour Health Old Brand", status: "MERGED" },
];

beforeAll(async () => {
  // Thousands of similar rows, so ranking has to pick the right one among many near matches.
  await db.organisation.createMany({
    data: Array.from({ length: 3_000 }, (_, i) => {
      const name = `Filler Organisation ${i} Pty Ltd`;
      return { name, slug: `filler-${i}`, searchText: organisationSearchText({ name, domains: [`filler${i}.example`] }), domains: [`filler${i}.example`] };
    }),
  });
  for (const org of ORGS) {
    await db.organisation.create({
      data: {
        name: org.name,
        slug: slugify(org.name),
        acronym: org.acronym,
        aliases: org.aliases ?? [],
        domains: org.domains ?? [],
        status: org.status ?? "ACTIVE",
        category: org.category ?? "OTHER",
        country: org.country,
        searchText: organisationSearchText(org),
      },
    });
  }
});

const names = async (q: string) => (await searchOrganisations(q)).map((o) => o.name);

describe("searchOrganisations", () => {
  test.each([
    ["harbour", "Harbour Health Insurance"],
    ["HHI", "Harbour Health Insurance"], // alias
    ["scmbank.example", "Southern Cross Mutual Bank"], // domain
    ["scm bank", "Southern Cross Mutual Bank"],
    ["harbor helth", "Harbour Health Insurance"], // typos
    ["southren cross", "Southern Cross Mutual Bank"],
    ["taxation", "Australian Taxation Office"],
    ["ato", "Australian Taxation Office"], // acronym
    ["irs.gov", "Internal Revenue Service"],
  ])("%s finds %s first", async (q, expected) => {
    expect((await names(q))[0]).toBe(expected);
  });

  test("a proposal not yet reviewed is offered to staff only (its proposer: see search.db.test.ts)", async () => {
    expect(await names("quick parcel")).toEqual([]);
    expect((await searchOrganisations("quick parcel", { viewer: { id: "someone", role: "USER" } })).map((o) => o.name)).toEqual([]);
    expect((await searchOrganisations("quick parcel", { viewer: { id: "staff", role: "MODERATOR" } }))[0].name).toBe("Quick Parcel Delivery");
  });

  test("merged organisations are never offered; nonsense finds nothing; LIKE wildcards are literal", async () => {
    expect(await names("old brand")).not.toContain("Harbour Health Old Brand");
    expect(await names("zzqxj vvwk")).toEqual([]);
    expect(await names("%%")).toEqual([]);
    expect(await names("h")).toEqual([]);
  });

  // Speed is measured in `npm run bench`, never here: this checks the answers stay right among thousands.
  test("finds the right organisation among thousands of similar names", async () => {
    expect((await searchOrganisations("filler organisation 2999"))[0]?.slug).toBe("filler-2999");
    expect((await searchOrganisations("filler2999.example"))[0]?.slug).toBe("filler-2999");
    expect((await searchOrganisations("harbor"))[0]?.name).toBe("Harbour Health Insurance");
  });
});

describe("listOrganisations", () => {
  test("filters by category and country and searches; counts recent reports on the page", async () => {
    const gov = await listOrganisations({ category: "GOVERNMENT" });
    expect(gov.organisations.map((o) => o.name).sort()).toEqual(["Australian Taxation Office", "Internal Revenue Service"]);
    const us = await listOrganisations({ category: "GOVERNMENT", country: "US" });
    expect(us.organisations.map((o) => o.name)).toEqual(["Internal Revenue Service"]);
    const found = await listOrganisations({ q: "harbor health" });
    expect(found.organisations[0].name).toBe("Harbour Health Insurance");
    const all = await listOrganisations({ page: 2 });
    expect(all.total).toBe(3_004); // neither the merged one nor, for a visitor, the proposal
    expect(all.organisations).toHaveLength(20);
    expect(all.pageCount).toBe(151);

    const org = await db.organisation.findUniqueOrThrow({ where: { slug: "harbour-health-insurance" } });
    const user = await db.user.create({ data: { email: "r@example.com", name: "R" } });
    await db.phoneNumber.create({ data: { e164: "+61491570006" } });
    for (const daysAgo of [1, 10, 200]) {
      await db.report.create({ data: { e164: "+61491570006", reporterId: user.id, organisationId: org.id, category: "LEGITIMATE_UNSAFE", occurredAt: new Date(), createdAt: new Date(Date.now() - daysAgo * 86_400_000) } });
    }
    const withCounts = await listOrganisations({ q: "harbour health insurance" });
    expect(withCounts.organisations.find((o) => o.id === org.id)?.recentReportCount).toBe(2);
  });

  test("a merged organisation's page redirects to its target", async () => {
    const target = await db.organisation.findUniqueOrThrow({ where: { slug: "harbour-health-insurance" } });
    await db.organisation.update({ where: { slug: "harbour-health-old-brand" }, data: { mergedIntoId: target.id } });
    expect(await getOrganisationPage("harbour-health-old-brand")).toEqual({ redirectTo: "harbour-health-insurance" });
    expect(await getOrganisationPage("no-such-organisation")).toBeNull();
  });
});

describe("the organisation page's reputation", () => {
  test("'across N numbers' counts the numbers with reports naming it, not every number it claims; votes are summed", async () => {
    const org = await db.organisation.create({ data: { name: "Reputation Bank", slug: "reputation-bank", category: "BANK", country: "AU" }, select: { id: true } });
    const claim = (e164: string, reportCount: number, legitVotes = 0, notLegitVotes = 0, status: "VERIFIED" | "UNVERIFIED" = "UNVERIFIED") =>
      db.phoneNumber
        .create({ data: { e164, country: "AU", type: "MOBILE" } })
        .then(() => db.claim.create({ data: { e164, organisationId: org.id, organisationKey: org.id, status, reportCount, legitVotes, notLegitVotes } }));
    await claim("+61412000101", 3, 2, 1);
    await claim("+61412000102", 1, 0, 4);
    await claim("+61270000103", 0, 0, 0, "VERIFIED");
    await claim("+61270000104", 0, 1, 0, "VERIFIED");
    const page = await getOrganisationPage("reputation-bank");
    expect(page && "reputation" in page ? { numbers: page.reputation?.numbers, reported: page.reputation?.reportedNumbers, legit: page.reputation?.legitVotes, not: page.reputation?.notLegitVotes } : null).toEqual({ numbers: 4, reported: 2, legit: 3, not: 5 });
  });
});

describe("the organisation page's number lists", () => {
  test("a page follows on from where the last one ended, even when its last claim has since moved or gone", async () => {
    const org = await db.organisation.create({ data: { slug: "paging-bank", name: "Paging Bank", category: "BANK", country: "AU" } });
    const numbers = Array.from({ length: 60 }, (_, i) => `+6127${String(2_000_000 + i)}`);
    await db.phoneNumber.createMany({ data: numbers.map((e164) => ({ e164, type: "FIXED_LINE" as const, country: "AU" })) });
    // Claimed numbers, most reported first: report counts 60 down to 1.
    await db.claim.createMany({ data: numbers.map((e164, i) => ({ e164, organisationId: org.id, organisationKey: org.id, status: "UNVERIFIED" as const, reportCount: 60 - i })) });
    const first = await getOrganisationPage("paging-bank");
    if (!first || "redirectTo" in first) throw new Error("no page");
    expect(first.claimed.map((c) => c.e164)).toEqual(numbers.slice(0, 50));
    expect(first.nextClaimed).not.toBeNull();
    // The last one shown gets many more reports (it moves to the top) before the reader asks for more.
    await db.claim.updateMany({ where: { e164: numbers[49], organisationId: org.id }, data: { reportCount: 500, updatedAt: new Date() } });
    const second = await getOrganisationPage("paging-bank", { claimedAfter: first.nextClaimed! });
    if (!second || "redirectTo" in second) throw new Error("no page");
    expect(second.claimed.map((c) => c.e164)).toEqual(numbers.slice(50));
    // A claim id alone (an old link) or a forged value starts from the top, not an empty page.
    for (const old of [first.claimed[10].id, "x~y~z", "1~2"]) {
      const page = await getOrganisationPage("paging-bank", { claimedAfter: old });
      if (!page || "redirectTo" in page) throw new Error("no page");
      expect(page.claimed[0].e164, old).toBe(numbers[49]);
    }
  });
});
