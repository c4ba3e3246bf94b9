import { expect, test } from "vitest";
import { allowlistCsv, allowlistVcard, blocklistCsv, foldLine, vcardText } from "./format";
import { hashPrefixOf, numberHash } from "./rules";

const org = { name: "Harbour, Health; Insurance", slug: "harbour-health", category: "INSURER", country: "AU", website: null };

test("numberHash is the hex SHA-256 of the E.164 text", () => {
  expect(numberHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  expect(hashPrefixOf(numberHash("abc"))).toBe("ba781");
});

test("vCard: one card per organisation, every number, escaped text, CRLF and folded lines", () => {
  const card = allowlistVcard([{ organisation: org, numbers: ["+61270101234", "+61299990000"] }], { baseUrl: "https://cc.example", revision: new Date("2026-01-02T03:04:05.678Z") });
  expect(card).toContain("BEGIN:VCARD\r\nVERSION:4.0\r\n");
  expect(card).toContain("FN:Harbour\\, Health\\; Insurance\r\n");
  expect(card).toContain("TEL;VALUE=uri;TYPE=voice:tel:+61270101234\r\n");
  expect(card).toContain("TEL;VALUE=uri;TYPE=voice:tel:+61299990000\r\n");
  expect(card).toContain("REV:20260102T030405Z");
  expect(card.match(/BEGIN:VCARD/g)).toHaveLength(1);
  for (const line of card.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
});

test("folding never splits a character and unfolds to the original", () => {
  const line = `NOTE:${"é".repeat(100)}`;
  const folded = foldLine(line);
  expect(folded.replace(/\r\n /g, "")).toBe(line);
  expect(vcardText("a\nb")).toBe("a\\nb");
});

test("CSV feeds: removals are rows with listed=false, cells quoted", () => {
  const csv = allowlistCsv([
    { e164: "+61270101234", sha256: "a".repeat(64), listed: true, version: BigInt(7), organisations: [org] },
    { e164: "+61299990000", sha256: "b".repeat(64), listed: false, version: BigInt(9), organisations: [] },
  ]);
  expect(csv.split("\r\n")[1]).toBe(`+61270101234,${"a".repeat(64)},true,7,"Harbour, Health; Insurance",harbour-health,INSURER,AU`);
  expect(csv.split("\r\n")[2]).toBe(`+61299990000,${"b".repeat(64)},false,9,,,,`);
  const block = blocklistCsv([{ e164: "+15551234567", sha256: "c".repeat(64), listed: true, version: BigInt(3), category: "SCAM", confidence: 0.5 }]);
  expect(block.split("\r\n")[1]).toBe(`+15551234567,${"c".repeat(64)},true,3,SCAM,0.50`);
});
