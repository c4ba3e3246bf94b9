import { describe, expect, test } from "vitest";
import { MATCH, matchScore, normaliseForMatch, rankOrganisations, rankScore, REGION_BONUS, reportBonus, type RankCandidate } from "./search-rank";

const org = (name: string, over: Partial<RankCandidate> = {}): RankCandidate => ({
  name,
  acronym: null,
  aliases: [],
  domains: [],
  country: "AU",
  reportCount: 0,
  similarity: 0,
  ...over,
});

const ATO = org("Australian Taxation Office", { acronym: "ATO", aliases: ["ATO", "Tax Office", "Australian Tax Office"], domains: ["ato.gov.au"] });
const ATO_LINE = org("ATO entry point for government dept");
const SERVICES_AUSTRALIA = org("Services Australia", { aliases: ["Centrelink", "Medicare", "myGov"], domains: ["servicesaustralia.gov.au"] });
const CMS = org("Centers for Medicare and Medicaid Services", { acronym: "CMS", aliases: ["CMS", "Medicare"], country: "US" });
const MEDPAC = org("Medicare Payment Advisory Commission", { acronym: "MedPAC", country: "US" });
const CBA = org("Commonwealth Bank of Australia", { acronym: "CBA", aliases: ["CommBank", "CBA", "Commonwealth Bank"], domains: ["commbank.com.au"] });
const TELSTRA = org("Telstra", { aliases: ["BigPond"], domains: ["telstra.com.au"] });
const TAX_PRO = org("Extended-hours Registered Tax Profession");
const ALL = [ATO_LINE, TAX_PRO, ATO, MEDPAC, CMS, SERVICES_AUSTRALIA, CBA, TELSTRA];

const first = (q: string, region: string | null = "AU", candidates = ALL) => rankOrganisations(q, candidates, region)[0].name;

describe("matchScore", () => {
  test("tiers: exact name > exact alias/acronym/domain > name prefix > alias prefix > word in name > word in alias > substring > similarity", () => {
    expect(matchScore("telstra", TELSTRA)).toBe(MATCH.exactName);
    expect(matchScore("ATO", ATO)).toBe(MATCH.exactAlias);
    expect(matchScore("ato.gov.au", ATO)).toBe(MATCH.exactAlias);
    expect(matchScore("ato", ATO_LINE)).toBe(MATCH.namePrefix);
    expect(matchScore("big", TELSTRA)).toBe(MATCH.aliasPrefix);
    expect(matchScore("taxation", ATO)).toBe(MATCH.nameWord);
    expect(matchScore("bank", CBA)).toBe(MATCH.nameWord);
    expect(matchScore("support", org("Services Australia", { aliases: ["Child Support"] }))).toBe(MATCH.aliasWord);
    expect(matchScore("gov", SERVICES_AUSTRALIA)).toBe(MATCH.substring); // inside servicesaustralia.gov.au
    expect(matchScore("ntrelink", SERVICES_AUSTRALIA)).toBe(MATCH.substring);
    expect(matchScore("telstar", { ...TELSTRA, similarity: 0.5 })).toBeCloseTo(MATCH.similar * 0.5);
    expect(matchScore("zzz", TELSTRA)).toBe(0);
  });

  test("case, punctuation and accents do not matter", () => {
    expect(normaliseForMatch("St.George  Bank")).toBe("st george bank");
    expect(matchScore("st george", org("St.George Bank", { aliases: ["St George"] }))).toBe(MATCH.exactAlias);
    expect(matchScore("AT&T", org("AT&T"))).toBe(MATCH.exactName);
    expect(matchScore("   ", TELSTRA)).toBe(0);
  });
});

describe("rankOrganisations", () => {
  test.each([
    ["ATO", "Australian Taxation Office"],
    ["ato", "Australian Taxation Office"],
    ["tax office", "Australian Taxation Office"],
    ["Centrelink", "Services Australia"],
    ["Medicare", "Services Australia"],
    ["CommBank", "Commonwealth Bank of Australia"],
    ["Telstra", "Telstra"],
  ])("%s finds %s first for an Australian visitor", (q, expected) => {
    expect(first(q)).toBe(expected);
  });

  test("the visitor's region decides between two organisations with the same alias", () => {
    expect(first("medicare", "AU")).toBe("Services Australia");
    expect(first("medicare", "US")).toBe("Centers for Medicare and Medicaid Services");
    // Without a region, the tie between two exact aliases falls to the name.
    expect(first("medicare", null)).toBe("Centers for Medicare and Medicaid Services");
  });

  test("an exact alias abroad still beats a prefix at home; a prefix abroad loses to an exact alias at home", () => {
    const abroad = org("Internal Revenue Service", { aliases: ["IRS"], country: "US" });
    const home = org("IRS Tours Pty Ltd", { country: "AU" });
    expect(first("irs", "AU", [home, abroad])).toBe("Internal Revenue Service");
    expect(rankScore("medicare", MEDPAC, "AU")).toBeLessThan(rankScore("medicare", SERVICES_AUSTRALIA, "AU"));
  });

  test("among equal matches, the one people report more comes first", () => {
    const quiet = org("Harbour Bank", { reportCount: 0 });
    const reported = org("Harbour Bank Group", { reportCount: 500 });
    expect(first("harbour bank group", "AU", [quiet, reported])).toBe("Harbour Bank Group"); // exact name
    expect(rankOrganisations("harbour", [quiet, reported], "AU").map((o) => o.name)).toEqual(["Harbour Bank Group", "Harbour Bank"]);
  });

  test("report bonus grows slowly and is capped below one match tier", () => {
    expect(reportBonus(0)).toBe(0);
    expect(reportBonus(10)).toBeGreaterThan(2);
    expect(reportBonus(1_000_000)).toBeLessThan(MATCH.exactAlias - MATCH.namePrefix);
    expect(reportBonus(-5)).toBe(0);
    expect(REGION_BONUS).toBeLessThan(MATCH.exactName - MATCH.namePrefix);
  });

  test("ties keep a stable, alphabetical order and the input is not changed", () => {
    const input = [org("Beta"), org("Alpha")];
    expect(rankOrganisations("zzz", input, null).map((o) => o.name)).toEqual(["Alpha", "Beta"]);
    expect(input.map((o) => o.name)).toEqual(["Beta", "Alpha"]);
  });
});
