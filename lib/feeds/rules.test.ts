import { expect, test } from "vitest";
import type { Verdict } from "../trust/rules";
import { listingFor } from "./rules";

const verdict = (kind: Verdict["kind"], evidence: number, notLegitBound = 0.6): Verdict => ({
  kind,
  organisation: null,
  impersonationReason: null,
  legitBound: 0,
  notLegitBound,
  evidence,
  possiblySpoofed: false,
});

test("likely scam with enough evidence is blocked, with the most reported bad category and a rounded confidence", () => {
  expect(listingFor(verdict("LIKELY_SCAM", 5, 0.5655), { SCAM: 2, IMPERSONATION: 3, TELEMARKETING: 9 })).toEqual({
    verdict: "LIKELY_SCAM",
    allowed: false,
    blocked: true,
    category: "IMPERSONATION",
    confidence: 0.57,
  });
  // Only nuisance reports: their most reported category.
  expect(listingFor(verdict("LIKELY_SCAM", 6), { ROBOCALL: 2, TELEMARKETING: 10 }).category).toBe("TELEMARKETING");
});

test("an impersonation warning blocks as IMPERSONATION; below the minimum evidence nothing is blocked", () => {
  expect(listingFor(verdict("IMPERSONATION", 2), { SCAM: 2 })).toMatchObject({ blocked: true, category: "IMPERSONATION" });
  expect(listingFor(verdict("IMPERSONATION", 1), { SCAM: 1 })).toMatchObject({ blocked: false, category: null, confidence: 0 });
});

test("verified numbers are allowed, never blocked; other verdicts are on neither list", () => {
  expect(listingFor(verdict("VERIFIED", 9), { SCAM: 9 })).toMatchObject({ allowed: true, blocked: false });
  for (const kind of ["DISPUTED", "NOT_ENOUGH", "LIKELY_LEGITIMATE", "OFFICIAL_CONTACT", "REAL_BUT_UNSAFE"] as const) {
    expect(listingFor(verdict(kind, 9), { SCAM: 9 })).toMatchObject({ allowed: false, blocked: false });
  }
});
