import { expect, test } from "vitest";
import { safeCallbackUrl } from "./safe-redirect";

test("same-site paths pass through unchanged", () => {
  for (const path of ["/", "/account", "/numbers/%2B61491570159?x=1#top", "/signin?callbackUrl=%2Freport"]) expect(safeCallbackUrl(path)).toBe(path);
});

test("anything a browser would resolve to another site falls back", () => {
  const hostile = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "\t//evil.example",
    "/%0a",
    "javascript:alert(1)",
    " /account",
    "/" + "a".repeat(2001),
  ];
  for (const value of hostile) {
    const result = safeCallbackUrl(value, "/fallback");
    expect(new URL(result, "http://callercheck.test/signin").origin, JSON.stringify(value)).toBe("http://callercheck.test");
  }
  for (const value of ["/\t/evil.example", "/\n/evil.example", "/x\\..\\\\evil.example", "/\u0000"]) expect(safeCallbackUrl(value, "/fallback")).toBe("/fallback");
  expect(safeCallbackUrl(["/account"])).toBe("/");
});
