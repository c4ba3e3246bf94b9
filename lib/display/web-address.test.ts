import { expect, test } from "vitest";
import { parseWebAddress, webLink } from "./web-address";

test("hostile or broken addresses are refused, never thrown", () => {
  for (const value of ["https://<script>alert(1)</script>", "http://[::1", "https://%zz", "javascript:alert(1)", "data:text/html,x", "https://user:pw@example.org", "https://localhost", "", null, "ftp://example.org", "https://exa mple.org"]) {
    expect(parseWebAddress(value), String(value)).toBeNull();
    expect(webLink(value), String(value)).toBeNull();
  }
});

test("real addresses are normalised and linked by host", () => {
  expect(parseWebAddress(" https://Example.org/contact ")).toBe("https://example.org/contact");
  expect(webLink("https://www.example.org/a?b=1")).toEqual({ href: "https://www.example.org/a?b=1", host: "example.org" });
});
