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
