import { beforeAll, expect, test } from "vitest";
import { unsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

beforeAll(() => {
  process.env.AUTH_SECRET = "unit-test-secret";
});

test("a token names one member and one watch, and verifies", () => {
  const token = unsubscribeToken("cuser123", "o:corg12345");
  expect(verifyUnsubscribeToken(token)).toEqual({ userId: "cuser123", watchKey: "o:corg12345" });
  expect(verifyUnsubscribeToken(unsubscribeToken("cuser123", "n:+61412345678"))).toEqual({ userId: "cuser123", watchKey: "n:+61412345678" });
  expect(verifyUnsubscribeToken(unsubscribeToken("cuser123", "all"))).toEqual({ userId: "cuser123", watchKey: "all" });
});

test("any change to a token is refused", () => {
  const token = unsubscribeToken("cuser123", "o:corg12345");
  const [payload, signature] = token.split(".");
  const otherPayload = Buffer.from("cuser123|o:corg99999").toString("base64url");
  for (const bad of [
    `${otherPayload}.${signature}`,
    `${payload}.${signature.slice(1)}`,
    `${payload}.${signature}x`,
    `${payload}`,
    `${payload}.${signature}.extra`,
    "",
    undefined,
    42,
    "x".repeat(1000),
  ]) {
    expect(verifyUnsubscribeToken(bad)).toBeNull();
  }
});

test("a token signed with another secret is refused", () => {
  const token = unsubscribeToken("cuser123", "o:corg12345");
  process.env.AUTH_SECRET = "another-secret";
  try {
    expect(verifyUnsubscribeToken(token)).toBeNull();
  } finally {
    process.env.AUTH_SECRET = "unit-test-secret";
  }
});
