import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, test } from "vitest";
import { numberLookupSchema } from "@/lib/numbers/api-schema";
import { recountAll } from "@/lib/numbers/counters";
import { db } from "@/lib/platform/db";
import { LIMITS } from "@/lib/platform/rate-limit";
import { GET as openApi } from "../../openapi.json/route";
import { GET } from "./route";

let address = 0;
function lookup(number: string, query = "", from = `10.0.0.${++address}`) {
  const request = new Request(`http://localhost/api/v1/numbers/${encodeURIComponent(number)}${query}`, { headers: { "x-callercheck-client-address": from } });
  return GET(request, { params: Promise.resolve({ number }) });
}

beforeAll(async () => {
  const user = await db.user.create({ data: { email: "api@example.com", name: "Api Tester", emailVerified: new Date(), createdAt: new Date(Date.now() - 90 * 86_400_000) } });
  const other = await db.user.create({ data: { email: "api2@example.com", name: "Other Tester", emailVerified: new Date() } });
  const org = await db.organisation.create({ data: { slug: "harbour", name: "Harbour Health", officialPhone: "+611800160401", policyNeverAsks: "Security answers" } });
  await db.phoneNumber.create({ data: { e164: "+61270101234", type: "FIXED_LINE", country: "AU" } });
  await db.claim.create({
    data: { e164: "+61270101234", organisationId: org.id, organisationKey: org.id, status: "VERIFIED", evidenceMethod: "OFFICIAL_WEBSITE", evidenceSource: "https://harbour.example", verifiedAt: new Date("2026-01-02T00:00:00Z") },
  });
  await db.phoneNumber.create({ data: { e164: "+61491570159", type: "MOBILE", country: "AU" } });
  const claim = await db.claim.create({ data: { e164: "+61491570159", organisationId: org.id, organisationKey: org.id } });
  for (const reporterId of [user.id, other.id]) {
    await db.report.create({ data: { e164: "+61491570159", reporterId, category: "IMPERSONATION", occurredAt: new Date("2026-03-04T05:06:07Z"), organisationId: org.id, claimId: claim.id } });
  }
  await recountAll(db);
});

describe("GET /api/v1/numbers/{number}", () => {
  test("a reported number: canonical E.164, verdict, counts, claimed organisations", async () => {
    const response = await lookup("0491 570 159");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=5");
    const body = await response.json();
    expect(numberLookupSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      e164: "+61491570159",
      national: "0491 570 159",
      international: "+61 491 570 159",
      type: "MOBILE",
      country: "AU",
      counts: { reports: 2, reporters: 2, comments: 0 },
      firstReportedAt: "2026-03-04T05:06:07.000Z",
      verdict: { kind: "IMPERSONATION", label: "Impersonation warning" },
      categories: [{ category: "IMPERSONATION", label: "Impersonation", reports: 2, reporters: 2 }],
      claimedOrganisations: [{ name: "Harbour Health", slug: "harbour", claimStatus: "UNVERIFIED", reports: 2, officialPhone: "+611800160401" }],
      registry: { status: "NOT_LISTED", organisation: null, evidence: null },
      impersonation: { organisation: { slug: "harbour" } },
    });
    expect(body.verdict.headline).toBe("Not on Harbour Health's verified list — likely someone pretending to be Harbour Health.");
    expect(body.verdict.advice).toBe("Hang up and call Harbour Health on 1800 160 401.");
    expect(body.verdict.summary).toBe(`${body.verdict.headline} ${body.verdict.advice}`);
    expect(body.verdict.organisation).toMatchObject({ slug: "harbour", officialPhone: "+611800160401" });
    expect(body.verdict.policy).toBe("Harbour Health says it never asks for security answers.");
    // The canonical page URL, not a percent-encoded spelling that redirects.
    expect(body.url).toMatch(/\/numbers\/\+61491570159$/);
    expect(body.claimedOrganisations[0].url).toMatch(/\/organisations\/harbour$/);
  });

  test("a verified number answers its registry status with evidence", async () => {
    const body = await (await lookup("+61 2 7010 1234")).json();
    expect(body.verdict.kind).toBe("VERIFIED");
    expect(body.registry).toMatchObject({
      status: "VERIFIED",
      organisation: { name: "Harbour Health" },
      evidence: { method: "OFFICIAL_WEBSITE", methodLabel: "Listed on the organisation's official website", source: "https://harbour.example", verifiedAt: "2026-01-02T00:00:00.000Z" },
    });
  });

  test("an unreported number answers 200 with zero counts", async () => {
    const response = await lookup("0412 345 678");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      e164: "+61412345678",
      counts: { reports: 0, reporters: 0, comments: 0 },
      firstReportedAt: null,
      lastReportedAt: null,
      categories: [],
      claimedOrganisations: [],
      registry: { status: "NOT_LISTED" },
      impersonation: null,
      verdict: { kind: "NOT_ENOUGH", headline: "No reports yet.", summary: "No reports yet. If it called you, tell others what happened." },
    });
  });

  test.each([
    ["0412 345 67", "", /too short/],
    ["hello", "", /no digits/],
    ["(202) 555-0143", "", /not a number in Australia/],
    ["(202) 555-0143", "?region=ZZ", /ISO 3166/],
    ["(202) 555-0143", "?region=USA", /ISO 3166/],
  ])("%j%s is a 400 with the error shape", async (number, query, message) => {
    const response = await lookup(number, query);
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toBe("INVALID");
    expect(body.error.message).toMatch(message);
  });

  test("region applies to national spellings; a + number ignores it", async () => {
    expect((await (await lookup("(202) 555-0143", "?region=us")).json()).e164).toBe("+12025550143");
    expect((await (await lookup("+61 412 345 678", "?region=US")).json()).e164).toBe("+61412345678");
    expect((await (await lookup("%2B61412345678")).json()).e164).toBe("+61412345678");
  });

  test("too many requests from one address: 429 with Retry-After, other addresses unaffected", async () => {
    const from = "203.0.113.99";
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.api.points; i++) statuses.push((await lookup("+61412345678", "", from)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const limited = await lookup("+61412345678", "", from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Try again in/) });
    expect((await lookup("+61412345678", "", "203.0.113.100")).status).toBe(200);
  });
});

test("the OpenAPI document is a valid OpenAPI 3.1 document describing the lookup", async () => {
  const response = await openApi(new Request("http://localhost/api/v1/openapi.json"), undefined);
  expect(response.status).toBe(200);
  const document = await response.json();
  const validator = new Validator();
  const result = await validator.validate(document);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe("3.1");
  expect(document.paths["/api/v1/numbers/{number}"].get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/NumberLookup" });
  expect(Object.keys(document.components.schemas.NumberLookup.properties)).toEqual(Object.keys(numberLookupSchema.shape));
  // Every $ref points at a component that exists.
  const refs = JSON.stringify(document).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
  for (const ref of refs) expect(document.components.schemas).toHaveProperty(ref.slice(22, -1));
});

test("an invalid document fails validation (the validator is not a rubber stamp)", async () => {
  const response = await openApi(new Request("http://localhost/api/v1/openapi.json"), undefined);
  const document = await response.json();
  delete document.info.version;
  document.paths["/api/v1/numbers/{number}"].get.responses = { "200": { content: {} } };
  expect((await new Validator().validate(document)).valid).toBe(false);
});
