import { expect, test } from "vitest";
import { weakPasswordReason } from "./password-policy";

test("the issue's weak passwords are refused with a clear reason", () => {
  for (const password of ["1234567890", "password12", "aaaaaaaaaa", "qwertyuiop", "abcabcabcabc", "Password123", "iloveyou12"]) {
    expect(weakPasswordReason(password), password).toMatch(/common or breached|repeated or consecutive/);
  }
});

test("passwords containing the e-mail's or name's text are refused", () => {
  expect(weakPasswordReason("alexandra-2026!", ["alexandra@example.com".split("@")[0], "Alexandra"])).toMatch(/name or e-mail/);
});

test("ordinary strong passwords pass", () => {
  for (const password of ["correct horse battery", "tangerine-Velvet-42", "password-3fa9c1d2e4", "purple monkey dishwasher 7"]) {
    expect(weakPasswordReason(password), password).toBeNull();
  }
});
