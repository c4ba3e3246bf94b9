import { expect, test } from "vitest";
import { emailMatchesDomains } from "./domains";

test("an address at the domain or a subdomain matches; look-alikes do not", () => {
  const domains = ["harbourhealth.example", "www.hhi.example"];
  expect(emailMatchesDomains("jo@harbourhealth.example", domains)).toBe(true);
  expect(emailMatchesDomains("jo@Claims.HarbourHealth.example", domains)).toBe(true);
  expect(emailMatchesDomains("jo@hhi.example", domains)).toBe(true);
  expect(emailMatchesDomains("jo@evilharbourhealth.example", domains)).toBe(false);
  expect(emailMatchesDomains("jo@harbourhealth.example.evil.test", domains)).toBe(false);
  expect(emailMatchesDomains("harbourhealth.example@gmail.example", domains)).toBe(false);
  expect(emailMatchesDomains("jo@harbourhealth.example", [])).toBe(false);
  expect(emailMatchesDomains("jo@localhost", ["localhost"])).toBe(false);
  expect(emailMatchesDomains("no-at-sign", domains)).toBe(false);
});
