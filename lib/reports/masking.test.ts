import { describe, expect, test } from "vitest";
import { luhnValid, maskSensitive } from "./masking";

describe("cards", () => {
  test.each([
    ["4111 1111 1111 1111", "[card number removed •••• 1111]"],
    ["4111-1111-1111-1111", "[card number removed •••• 1111]"],
    ["5555555555554444", "[card number removed •••• 4444]"],
    ["3782 822463 10005", "[card number removed •••• 0005]"],
    ["6011111111111117", "[card number removed •••• 1117]"],
  ])("masks the Luhn-valid card %s", (card, masked) => {
    const result = maskSensitive(`They asked me to read out ${card} to them.`);
    expect(result.text).toBe(`They asked me to read out ${masked} to them.`);
    expect(result).toMatchObject({ masked: true, cards: 1, emails: 0 });
  });

  test("leaves digit runs that fail Luhn, repeated digits and short numbers alone", () => {
    for (const text of ["ref 4111 1111 1111 1112", "0000 0000 0000 0000", "account 123456789012"]) {
      expect(maskSensitive(text)).toEqual({ text, masked: false, cards: 0, emails: 0 });
    }
  });

  test("luhnValid", () => {
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
    expect(luhnValid("")).toBe(false);
  });
});

describe("e-mails", () => {
  test("masks every address", () => {
    const result = maskSensitive("Write to jane.doe+bank@example.com.au or J_SMITH@mail.example.org now");
    expect(result.text).toBe("Write to [e-mail removed] or [e-mail removed] now");
    expect(result).toMatchObject({ masked: true, emails: 2, cards: 0 });
  });

  test("a card and an e-mail together", () => {
    expect(maskSensitive("4111111111111111 / a@b.co").text).toBe("[card number removed •••• 1111] / [e-mail removed]");
  });
});

describe("leaves phone numbers, dates and ordinary text alone", () => {
  test.each([
    "Called from +61 491 570 156 at 9:30",
    "Call 0491 570 156 or (02) 7010 1234",
    "+1 (202) 555-0143 rang twice",
    "1800 160 401",
    "+61 2 5550 4477 then +61 3 5550 1234",
    "on 12/03/2024 and 2024-03-12 at 14:05",
    "20240312 143000",
    "policy number 12345678",
    "@handle and user@ without domain",
    "",
  ])("%j", (text) => {
    expect(maskSensitive(text)).toEqual({ text, masked: false, cards: 0, emails: 0 });
  });
});

test("a card followed by more digits is still masked, and the other digits are kept", () => {
  expect(maskSensitive("card 4111 1111 1111 1111 46 thanks").text).toBe("card [card number removed •••• 1111] 46 thanks");
});

test("phone numbers typed side by side are never read as a card", () => {
  const text = "they rang from 1300 975 707 then 1800 160 401 and 0412 345 678 0491 570 006";
  expect(maskSensitive(text)).toMatchObject({ text, masked: false });
});
