import { expect, test } from "vitest";
import { numberUrlDecision } from "./url";

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
