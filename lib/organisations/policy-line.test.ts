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

test("a policy recorded as quotations from the organisation's pages is quoted, first statement only, without its sources", () => {
  const ato = {
    ...base,
    name: "Australian Taxation Office",
    policyNeverAsks: "“We will never send an unsolicited SMS that contains a hyperlink.” (Verify or report a scam | Australian Taxation Office)",
  };
  expect(policyLine(ato)).toBe("Australian Taxation Office says: “We will never send an unsolicited SMS that contains a hyperlink.”");
  const afp = {
    ...base,
    name: "Australian Federal Police",
    policyNeverAsks: "“The AFP will never call you and threaten to arrest you” (Scamwatch) “The AFP will never ask you to pay a fine with cash.” (AFP)",
  };
  expect(policyLine(afp)).toBe("Australian Federal Police says: “The AFP will never call you and threaten to arrest you.”");
  expect(policyLine({ ...base, policyCallsFrom: "“We call from 13 22 00.” (Telstra)" })).toBe("Harbour Health Insurance says: “We call from 13 22 00.”");
});
