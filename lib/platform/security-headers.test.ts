import { expect, test } from "vitest";
import { contentSecurityPolicy, newNonce } from "./security-headers";

const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `)) ?? "";

test("production scripts need the nonce: no unsafe-inline or unsafe-eval", () => {
  const policy = contentSecurityPolicy({ nonce: "abc123==", development: false, https: true });
  expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
  expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(directive(policy, "object-src")).toBe("object-src 'none'");
  expect(policy).toContain("upgrade-insecure-requests");
});

test("development adds only what React's dev build needs; http drops the upgrade", () => {
  const policy = contentSecurityPolicy({ nonce: "n", development: true, https: false, formTargets: ["https://github.com"] });
  expect(directive(policy, "script-src")).toContain("'unsafe-eval'");
  expect(directive(policy, "script-src")).not.toContain("'unsafe-inline'");
  expect(directive(policy, "form-action")).toBe("form-action 'self' https://github.com");
  expect(policy).not.toContain("upgrade-insecure-requests");
});

test("nonces are fresh and unguessable", () => {
  const nonces = new Set(Array.from({ length: 50 }, newNonce));
  expect(nonces.size).toBe(50);
  for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
});
