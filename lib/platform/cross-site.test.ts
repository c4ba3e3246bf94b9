import { expect, test } from "vitest";
import { isCrossSite } from "./cross-site";

const headers = (values: Record<string, string>) => new Headers(values);

test("a request is cross-site when its Origin names another host than the one it came to", () => {
  expect(isCrossSite(headers({ host: "callercheck.example", origin: "https://callercheck.example" }))).toBe(false);
  expect(isCrossSite(headers({ host: "callercheck.example", origin: "https://evil.example" }))).toBe(true);
  // Behind a trusted proxy the forwarded host is the site's (scripts/server.mjs drops it from anyone else).
  expect(isCrossSite(headers({ host: "10.0.0.5:3000", "x-forwarded-host": "callercheck.example, proxy", origin: "https://callercheck.example" }))).toBe(false);
  expect(isCrossSite(headers({ host: "callercheck.example", origin: "not a url" }))).toBe(true);
  expect(isCrossSite(headers({ host: "callercheck.example", origin: "null" }))).toBe(true);
  // No Origin: not a browser's cross-site request (the session cookie is SameSite=Lax besides).
  expect(isCrossSite(headers({ host: "callercheck.example" }))).toBe(false);
});
