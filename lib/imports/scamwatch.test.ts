import { expect, test } from "vitest";
import { alertDate, httpsUrl } from "./scamwatch";

test("alert dates are read as the day in UTC; anything else is unreadable", () => {
  expect(alertDate("23 Jun 2025")?.toISOString()).toBe("2025-06-23T00:00:00.000Z");
  expect(alertDate("9 December 2024")?.toISOString()).toBe("2024-12-09T00:00:00.000Z");
  for (const bad of ["", "2025-06-23", "31 Feb 2025", "23 Foo 2025", "23 Jun"]) expect(alertDate(bad), bad).toBeNull();
});

test("only a plain https address is kept as a report's source link", () => {
  expect(httpsUrl(" https://www.scamwatch.gov.au/news/a-b ")).toBe("https://www.scamwatch.gov.au/news/a-b");
  for (const bad of ["http://www.scamwatch.gov.au/x", "javascript:alert(1)", "https://a b", "data:text/html,<b>x</b>", "//www.scamwatch.gov.au", ""]) expect(httpsUrl(bad), bad).toBeNull();
});
