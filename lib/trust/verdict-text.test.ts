import { describe, expect, test } from "vitest";
import { VERDICT_KINDS, VERDICT_LABELS, VERDICT_TONES, verdictAdvice, verdictHeadline, verdictSummary } from "./verdict-text";

const harbour = { organisation: "Harbour Health Insurance", callBack: "1800 160 401", reports: 4 };

describe("verdict words", () => {
  test.each(VERDICT_KINDS)("%s has a label, a tone, one sentence and one action", (kind) => {
    expect(VERDICT_LABELS[kind]).toBeTruthy();
    expect(VERDICT_TONES[kind]).toBeTruthy();
    expect(verdictHeadline(kind, harbour)).toMatch(/[.]$/);
    expect(verdictAdvice(kind, harbour)).toMatch(/[.]$/);
    expect(verdictSummary(kind, harbour)).toBe(`${verdictHeadline(kind, harbour)} ${verdictAdvice(kind, harbour)}`);
  });

  test("really them, but unsafe: names the insurer and the call-back number, amber", () => {
    expect(verdictHeadline("REAL_BUT_UNSAFE", harbour)).toBe("Probably really Harbour Health Insurance — but it called from a number it doesn't list.");
    expect(verdictAdvice("REAL_BUT_UNSAFE", harbour)).toBe("Don't give security answers on a call you didn't make: call back on 1800 160 401.");
    expect(VERDICT_TONES.REAL_BUT_UNSAFE).toBe("amber");
    expect(VERDICT_TONES.IMPERSONATION).toBe("red");
  });

  test("impersonation: hang up and call the official number", () => {
    expect(verdictAdvice("IMPERSONATION", harbour)).toBe("Hang up and call Harbour Health Insurance on 1800 160 401.");
    expect(verdictHeadline("IMPERSONATION", { ...harbour, impersonationReason: "REJECTED" })).toMatch(/moderators checked/);
    expect(verdictAdvice("IMPERSONATION", { organisation: "X" })).toMatch(/a number you already trust/);
  });

  test("official contact number: publish, spoofing warning, call it back yourself", () => {
    const words = { organisation: "Australian Taxation Office" };
    expect(verdictHeadline("OFFICIAL_CONTACT", words)).toBe("This is the number Australian Taxation Office publishes for you to call.");
    expect(verdictAdvice("OFFICIAL_CONTACT", words)).toBe("Scammers often fake it in caller ID: if it called you, hang up and call it back yourself.");
  });

  test("a verdict that names an organisation with a call-back number gives that number", () => {
    expect(verdictAdvice("DISPUTED", harbour)).toBe("Be careful: give no codes, passwords or payment details, and to check, call Harbour Health Insurance on 1800 160 401.");
    expect(verdictAdvice("LIKELY_LEGITIMATE", harbour)).toMatch(/call Harbour Health Insurance on 1800 160 401\.$/);
    expect(verdictAdvice("LIKELY_SCAM", harbour)).toBe("Don't call back or give any details. If you deal with Harbour Health Insurance, call them on 1800 160 401.");
    // Without a known number, no number is made up.
    expect(verdictAdvice("DISPUTED", { organisation: "X" })).toMatch(/a number you already trust\.$/);
    expect(verdictAdvice("LIKELY_SCAM", {})).not.toMatch(/\d/);
  });

  test("no reports and some reports read differently", () => {
    expect(verdictHeadline("NOT_ENOUGH", { reports: 0 })).toBe("No reports yet.");
    expect(verdictHeadline("NOT_ENOUGH", { reports: 1 })).toBe("Not enough reports yet.");
  });
});
