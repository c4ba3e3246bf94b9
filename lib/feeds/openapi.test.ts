import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, test } from "vitest";
import { openApiDocument } from "../openapi/document";
import { feedQuerySchema } from "./api-schema";

test("the feeds and the prefix lookup are in a valid OpenAPI 3.1 document, with the licence", async () => {
  const document = openApiDocument("https://callercheck.example");
  const result = await new Validator().validate(document as unknown as Parameters<Validator["validate"]>[0]);
  expect(result.errors ?? []).toEqual([]);
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(["/api/v1/feeds/allowlist.json", "/api/v1/feeds/allowlist.csv", "/api/v1/feeds/allowlist.vcf", "/api/v1/feeds/blocklist.json", "/api/v1/feeds/blocklist.csv", "/api/v1/lookup/prefix/{prefix}"]),
  );
  expect(JSON.stringify(document.paths["/api/v1/feeds/blocklist.json" as keyof typeof document.paths])).toContain("CC BY 4.0");
});

test("feed parameters: versions are whole numbers, confidence is 0 to 1", () => {
  expect(feedQuerySchema.parse({ since: "42" }).since).toBe(BigInt(42));
  expect(feedQuerySchema.parse({}).since).toBeUndefined();
  for (const since of ["-1", "1.5", "2026-01-01", "", "1".repeat(19)]) expect(feedQuerySchema.safeParse({ since }).success).toBe(false);
  expect(feedQuerySchema.safeParse({ minConfidence: "1.1" }).success).toBe(false);
  expect(feedQuerySchema.parse({ minConfidence: "0.8" }).minConfidence).toBe(0.8);
});
