import { expect, test } from "vitest";
import { policyLine } from "./policy-line";

const base = { name: "Harbour Health Insurance", policyNeverAsks: null, policyCallsFrom: null };

test("leads with what the organisation never asks for", () => {
  expect(policyLine({ ...base, policyNeverAsks: "Your password, PIN or the answers to your security questions on a call we started.", policyCallsFrom: "(02) 7010 1234" })).toBe(
    "Harbour Health Insurance says it never asks for your password, PIN or the answers to your security questions on a call we started.",
  );
});

test("falls back to where it calls from", () => {
  expect(policyLine({ ...base, policyCallsFrom: "(02) 7010 1234 only." })).toBe("Harbour Health Insurance says it calls from (02) 7010 1234 only.");
});

test("no policy, no line", () => {
  expect(policyLine(base)).toBeNull();
  expect(policyLine({ ...base, policyNeverAsks: "   " })).toBeNull();
});

test("the structured policy wins: what it never asks for on calls it makes", () => {
  const free = { ...base, policyNeverAsks: "Your PIN." };
  expect(policyLine({ ...free, policyAsksSecurityAnswers: false })).toBe("Harbour Health Insurance says it never asks for security answers on calls it makes.");
  expect(policyLine({ ...free, policyAsksPassword: false, policyAsksSecurityAnswers: false, policyAsksOneTimeCode: false, policyListedNumbersOnly: true })).toBe(
    "Harbour Health Insurance says it never asks for passwords or PINs, security answers or one-time codes on calls it makes and calls only from the numbers it publishes.",
  );
  // Saying it may ask is not a reassurance: the line falls back to the free text.
  expect(policyLine({ ...free, policyAsksSecurityAnswers: true })).toBe("Harbour Health Insurance says it never asks for your PIN.");
  expect(policyLine({ ...base, policyListedNumbersOnly: true })).toBe("Harbour Health Insurance says it calls only from the numbers it publishes.");
  expect(policyLine({ ...base, policyListedNumbersOnly: false, policyAsksCardDetails: null })).toBeNull();
});
