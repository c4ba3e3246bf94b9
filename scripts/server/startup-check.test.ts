import { expect, test } from "vitest";
import { missingProductionSettings, refusalMessage } from "./startup-check.mjs";

const secret = "s".repeat(40);

test("a production container without AUTH_SECRET, DATABASE_URL or ALTCHA_HMAC_KEY is refused, naming each", () => {
  const missing = missingProductionSettings({ NODE_ENV: "production", CALLERCHECK_CONTAINER: "1" });
  expect(missing.map((item: string) => item.split(" ")[0])).toEqual(["DATABASE_URL", "AUTH_SECRET", "ALTCHA_HMAC_KEY"]);
  expect(refusalMessage(missing)).toMatch(/will not start in production without/);
});

test("a short AUTH_SECRET or ALTCHA_HMAC_KEY is refused", () => {
  expect(missingProductionSettings({ NODE_ENV: "production", CALLERCHECK_CONTAINER: "1", DATABASE_URL: "postgresql://x", AUTH_SECRET: "short", ALTCHA_HMAC_KEY: secret })).toHaveLength(1);
  expect(missingProductionSettings({ NODE_ENV: "production", CALLERCHECK_CONTAINER: "1", DATABASE_URL: "postgresql://x", AUTH_SECRET: secret, ALTCHA_HMAC_KEY: "short" })).toEqual(["ALTCHA_HMAC_KEY must be at least 16 characters long"]);
});

test("a configured production container starts; a laptop or development is not checked here", () => {
  expect(missingProductionSettings({ NODE_ENV: "production", CALLERCHECK_CONTAINER: "1", DATABASE_URL: "postgresql://x", AUTH_SECRET: secret, ALTCHA_HMAC_KEY: secret })).toEqual([]);
  expect(missingProductionSettings({ NODE_ENV: "production" })).toEqual([]);
  expect(missingProductionSettings({ NODE_ENV: "development", CALLERCHECK_CONTAINER: "1" })).toEqual([]);
});
