import { expect, test } from "vitest";
import { missingProductionSettings, refusalMessage } from "./startup-check.mjs";

const secret = "s".repeat(40);

test("a production container without AUTH_SECRET or DATABASE_URL is refused, naming both", () => {
  const missing = missingProductionSettings({ NODE_ENV: "production", CALLERCHECK_CONTAINER: "1" });
  expect(missing.map((item: string) => item.split(" ")[0])).toEqual(["DATABASE_URL", "AUTH_SECRET"]);
  expect(refusalMessage(missing)).toMatch(/will not start in production without/);
});

test("a short AUTH_SECRET is refused", () => {
  expect(missingProductionSettings({ NODE_ENV: "production", CALLERCHECK_CONTAINER: "1", DATABASE_URL: "postgresql://x", AUTH_SECRET: "short" })).toHaveLength(1);
});

test("a configured production container starts; a laptop or development is not checked here", () => {
  expect(missingProductionSettings({ NODE_ENV: "production", CALLERCHECK_CONTAINER: "1", DATABASE_URL: "postgresql://x", AUTH_SECRET: secret })).toEqual([]);
  expect(missingProductionSettings({ NODE_ENV: "production" })).toEqual([]);
  expect(missingProductionSettings({ NODE_ENV: "development", CALLERCHECK_CONTAINER: "1" })).toEqual([]);
});
