import { expect, test } from "vitest";
import { askedRegion, decodeNumberSegment, numberUrlDecision, regionFor } from "./url";

const decide = (segment: string, query = "") => numberUrlDecision(segment, new URLSearchParams(query), "AU");

test.each([
  ["+61412345678", "", { kind: "canonical" }],
  ["0412345678", "", { kind: "redirect", location: "/numbers/+61412345678" }],
  ["%2B61412345678", "", { kind: "redirect", location: "/numbers/+61412345678" }],
  ["%2B61%20412%20345%20678", "", { kind: "redirect", location: "/numbers/+61412345678" }],
  ["0412%20345%20678", "", { kind: "redirect", location: "/numbers/+61412345678" }],
  ["+61412345678", "region=US", { kind: "redirect", location: "/numbers/+61412345678" }],
  ["(202)%20555-0143", "region=us&page=2", { kind: "redirect", location: "/numbers/+12025550143?page=2" }],
  ["+61412345678", "page=2", { kind: "canonical" }],
  ["not-a-number", "", { kind: "invalid" }],
  ["%E0%A4%A", "", { kind: "invalid" }],
])("%s?%s", (segment, query, expected) => {
  expect(decide(segment, query)).toEqual(expected);
});

test("a repeated ?region= reads the first, the same for the page, the API and proxy.ts", () => {
  expect(decide("(202)%20555-0143", "region=US&region=AU")).toEqual({ kind: "redirect", location: "/numbers/+12025550143" });
  expect(askedRegion(["us", "AU"])).toBe("US");
  expect(regionFor(["us", "AU"], "AU")).toBe("US");
  expect(regionFor(["zz"], "AU")).toBe("AU");
  expect(regionFor(undefined, "AU")).toBe("AU");
  expect(askedRegion(null)).toBeNull();
});

test("decodeNumberSegment reads a malformed encoding as typed", () => {
  expect(decodeNumberSegment("%2B61412345678")).toBe("+61412345678");
  expect(decodeNumberSegment("%FF")).toBe("%FF");
});
