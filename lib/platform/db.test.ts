import { expect, test } from "vitest";

// `next build` imports every server module with no database settings at all (the image is built
// without one; scripts/test/e2e-server.mjs builds the same way). Importing must not throw or connect.
test("importing the database module needs no DATABASE_URL; the first use says what is missing", async () => {
  delete process.env.DATABASE_URL;
  delete process.env.DATABASE_REPLICA_URLS;
  const { db, dbRead, disconnectDb } = await import("./db");
  await expect(disconnectDb()).resolves.toBeUndefined();
  expect(() => db.user).toThrow(/DATABASE_URL is not set/);
  expect(() => dbRead.phoneNumber).toThrow(/DATABASE_URL is not set/);
});

test("DB_POOL_SIZE and DATABASE_REPLICA_URLS are read through the env schema", async () => {
  const { parseEnv } = await import("./env");
  expect(parseEnv({ DB_POOL_SIZE: "25", DATABASE_REPLICA_URLS: " postgresql://r1/x , ,postgresql://r2/x" })).toMatchObject({ DB_POOL_SIZE: 25, DATABASE_REPLICA_URLS: ["postgresql://r1/x", "postgresql://r2/x"] });
  expect(parseEnv({})).toMatchObject({ DB_POOL_SIZE: 10, DATABASE_REPLICA_URLS: [] });
  expect(() => parseEnv({ DB_POOL_SIZE: "none" })).toThrow();
});
