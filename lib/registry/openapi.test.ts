import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, test } from "vitest";
import { openApiDocument } from "../openapi/document";
import { registryFeedQuerySchema, registryFeedSchema } from "./api-schema";
import { registryOpenApiPaths, registryOpenApiSchemas } from "./openapi";

test("the registry routes are in a valid OpenAPI 3.1 document", async () => {
  const document = openApiDocument("https://callercheck.example");
  const validator = new Validator();
  const result = await validator.validate(document as unknown as Parameters<Validator["validate"]>[0]);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(Object.keys(registryOpenApiPaths)).toEqual(["/api/v1/registry", "/registry.csv"]);
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/registry", "/registry.csv"]));
  expect(registryOpenApiSchemas.RegistryFeed).toMatchObject({ properties: { entries: { items: { $ref: "#/components/schemas/RegistryEntry" } } } });
});

test("the feed query accepts ISO times and dates and refuses anything else", () => {
  expect(registryFeedQuerySchema.parse({ since: "2026-01-31T00:00:00Z" }).since).toEqual(new Date("2026-01-31T00:00:00Z"));
  expect(registryFeedQuerySchema.parse({ since: "2026-01-31T10:00:00+10:00" }).since).toEqual(new Date("2026-01-31T00:00:00Z"));
  expect(registryFeedQuerySchema.parse({ since: "2026-01-31" }).since).toEqual(new Date("2026-01-31T00:00:00Z"));
  expect(registryFeedQuerySchema.parse({}).limit).toBe(100);
  for (const since of ["yesterday", "2026-13-01", "1700000000", ""]) expect(registryFeedQuerySchema.safeParse({ since }).success).toBe(false);
  expect(registryFeedQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
  expect(registryFeedQuerySchema.safeParse({ limit: "501" }).success).toBe(false);
});

test("the feed body refuses undocumented shapes", () => {
  const entry = {
    id: "c1",
    e164: "+61270101234",
    status: "REVOKED",
    organisation: { name: "Acme", slug: "acme", category: "BANK", country: "AU", officialPhone: null },
    country: "AU",
    evidence: { method: "OFFICIAL_WEBSITE", source: "https://acme.example" },
    verifiedBy: "Mod",
    verifiedAt: "2026-01-01T00:00:00.000Z",
    reviewAt: null,
    statusReason: "Reassigned",
    changedAt: "2026-02-01T00:00:00.000Z",
  };
  expect(registryFeedSchema.safeParse({ entries: [entry], nextCursor: null }).success).toBe(true);
  expect(registryFeedSchema.safeParse({ entries: [{ ...entry, status: "UNVERIFIED" }], nextCursor: null }).success).toBe(false);
  expect(registryFeedSchema.safeParse({ entries: [{ ...entry, e164: "0270101234" }], nextCursor: null }).success).toBe(false);
});
