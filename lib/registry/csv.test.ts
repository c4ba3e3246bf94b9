import { expect, test } from "vitest";
import { csvCell } from "../platform/csv";
import { registryCsv } from "./csv";
import type { RegistryEntry } from "./feed";

test("csvCell quotes separators and defuses formulas", () => {
  expect(csvCell("plain")).toBe("plain");
  expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
  expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
  expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
  expect(csvCell("+1+1")).toBe("'+1+1");
  expect(csvCell("-2")).toBe("'-2");
  expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  expect(csvCell(null)).toBe("");
});

test("registryCsv writes a header and one CRLF line per entry, the number unprefixed", () => {
  const entry: RegistryEntry = {
    id: "c1",
    e164: "+61270101234",
    status: "VERIFIED",
    organisation: { id: "o1", slug: "acme", name: "=Acme, Inc", category: "BANK", country: "AU", officialPhone: null },
    country: "AU",
    numberType: "FIXED_LINE",
    evidence: { method: "OFFICIAL_WEBSITE", source: "https://acme.example/contact" },
    verifiedBy: "Mod",
    verifiedAt: new Date("2026-01-02T03:04:05Z"),
    reviewAt: new Date("2027-01-02T00:00:00Z"),
    statusReason: null,
    changedAt: new Date("2026-01-02T03:04:05Z"),
  };
  const lines = registryCsv([entry]).split("\r\n");
  expect(lines[0]).toBe("number,organisation,organisation_slug,category,country,evidence_method,evidence_source,verified_by,verified_at,review_at");
  expect(lines[1]).toBe(`+61270101234,"'=Acme, Inc",acme,BANK,AU,OFFICIAL_WEBSITE,https://acme.example/contact,Mod,2026-01-02T03:04:05.000Z,2027-01-02T00:00:00.000Z`);
  expect(lines[2]).toBe("");
});
