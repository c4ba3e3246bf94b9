import { describe, expect, test } from "vitest";
import { acronymOf, callableNumber, groupImpersonated, parseCsv, policyFieldFor, type CsvRow } from "./seed-impersonated";
import { readData } from "./seed-data";

const rows = parseCsv(readData("impersonated-organisations.csv")) as CsvRow[];
const orgs = groupImpersonated(rows);
const byName = (name: string) => orgs.find((org) => org.name === name)!;

describe("parseCsv", () => {
  test("quoted commas, doubled quotes and line breaks", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n1,\n')).toEqual([
      { a: "x, y", b: 'say "hi"\nthere' },
      { a: "1", b: "" },
    ]);
  });

  test("reads the whole data file: 112 rows", () => {
    expect(rows).toHaveLength(112);
    expect(rows.every((row) => row.name && row.source_url)).toBe(true);
  });
});

describe("the impersonated organisations", () => {
  test("one per organisation: rows sharing a website are one (ANZ Plus is ANZ's)", () => {
    expect(orgs).toHaveLength(57);
    expect(new Set(orgs.map((org) => org.name)).size).toBe(57);
    expect(byName("Australia and New Zealand Banking Group").aliases).toEqual(expect.arrayContaining(["ANZ", "ANZ Plus"]));
    expect(orgs.find((org) => org.name === "ANZ Plus")).toBeUndefined();
  });

  test("aliases and acronyms people search for", () => {
    expect(byName("Australian Taxation Office")).toMatchObject({ acronym: "ATO", country: "AU", category: "GOVERNMENT", domains: ["ato.gov.au"] });
    expect(byName("Australian Taxation Office").aliases).toEqual(expect.arrayContaining(["Tax Office"]));
    expect(byName("Services Australia").aliases).toEqual(expect.arrayContaining(["Centrelink", "Medicare", "myGov"]));
    expect(byName("Services Australia").acronym).toBeNull(); // DHS is an old name, not its abbreviation
    expect(byName("Commonwealth Bank of Australia")).toMatchObject({ acronym: "CBA", category: "BANK" });
    expect(byName("Commonwealth Bank of Australia").aliases).toContain("CommBank");
    expect(byName("Origin Energy").category).toBe("UTILITY");
  });

  test("every callable number is kept once; SMS short codes are skipped; the callback number comes from the organisation's own site", () => {
    const ato = byName("Australian Taxation Office");
    expect(ato.numbers.map((n) => n.e164)).toEqual(["+611800008540", "+61132869"]);
    expect(ato.officialPhone).toBe("+611800008540");
    expect(ato.numbers[0]).toMatchObject({ sourceUrl: "http://www.ato.gov.au/scams", purpose: expect.stringContaining("scam verification") });
    const asic = byName("Australian Securities and Investments Commission");
    expect(asic.numbers.map((n) => n.e164)).toEqual(["+611300935075", "+611300300630"]);
    expect(byName("United States Postal Service").numbers).toEqual([]);
    expect(byName("United States Postal Service").skippedNumbers).toEqual(["7726"]);
    expect(byName("Bank of America").numbers.map((n) => n.e164)).toEqual(["+18004321000"]);
    // Westpac's 0497 number is for forwarding scam texts: listed, but not the number to call back.
    const westpac = byName("Westpac Banking Corporation");
    expect(westpac.numbers.map((n) => n.e164)).toContain("+61497132032");
    expect(westpac.officialPhone).toBe("+61132032");
    const total = orgs.reduce((sum, org) => sum + org.numbers.length, 0);
    const skipped = orgs.reduce((sum, org) => sum + org.skippedNumbers.length, 0);
    expect([total, skipped]).toEqual([48, 4]); // 53 rows with a number: 4 short codes, ASIC twice
  });

  test("calling-policy statements are quoted with their source and filed by what they say", () => {
    const ato = byName("Australian Taxation Office");
    expect(ato.policy.policyCallsFrom).toContain("“No Caller ID”");
    expect(ato.policy.policyHowToVerify).toMatch(/^“We will sometimes contact you .* phone us on 1800 008 540 to check\.” \(Verify or report a scam \| Australian Taxation Office\)$/);
    expect(byName("Australia and New Zealand Banking Group").policy.policyNeverAsks).toContain("“ANZ will never call and ask you to transfer money");
    // Context that is not a policy ("Scammers pretend to be …") is a source, not a policy.
    expect(byName("Services Australia").policy.policyNeverAsks).not.toContain("Scammers pretend");
    expect(byName("Services Australia").sources.map((s) => s.excerpt)).toEqual(expect.arrayContaining([expect.stringContaining("Scammers pretend")]));
    // Mis-decoded bytes in the source are not quoted.
    expect(byName("Australian Securities and Investments Commission").sources.map((s) => s.excerpt).join(" ")).not.toMatch(/[ÈÃ]/);
    expect(orgs.reduce((sum, org) => sum + org.sources.length, 0)).toBe(112);
  });
});

describe("helpers", () => {
  test("callableNumber", () => {
    expect(callableNumber("+61132221", "AU")).toBe("+61132221");
    expect(callableNumber("7726", "US")).toBeNull();
    expect(callableNumber("+6112", "AU")).toBeNull();
  });

  test("acronymOf: an alias whose letters are the name's initials in order", () => {
    expect(acronymOf("Australian Taxation Office", ["Tax Office", "ATO"])).toBe("ATO");
    expect(acronymOf("Westpac Banking Corporation", ["Westpac", "WBC"])).toBe("WBC");
    expect(acronymOf("Services Australia", ["DHS"])).toBeNull();
    expect(acronymOf("AGL Energy", ["AGL"])).toBeNull();
  });

  test("policyFieldFor", () => {
    expect(policyFieldFor("ASIC will always call you from a telephone number using Australia’s country code “+61”.")).toBe("policyCallsFrom");
    expect(policyFieldFor("Vodafone will never call you and ask for your PINs")).toBe("policyNeverAsks");
    expect(policyFieldFor("Call us directly on 131 245 to check whether we have been trying to contact you.")).toBe("policyHowToVerify");
    expect(policyFieldFor("Best Buy and Geek Squad topped the list of most impersonated brands")).toBeNull();
  });
});
