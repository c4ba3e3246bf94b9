import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/platform/db";
import { openApiDocument } from "@/lib/openapi/document";
import { organisationLookupSchema } from "@/lib/organisations/api-schema";
import { createReport } from "@/lib/reports/report";
import { GET } from "./route";

let address = 0;
const lookup = (slug: string, query = "") =>
  GET(new Request(`http://localhost/api/v1/organisations/${slug}${query}`, { headers: { "x-callercheck-client-address": `10.1.0.${++address}` } }), { params: Promise.resolve({ slug }) });

beforeAll(async () => {
  const actor = await db.user.create({
    data: { email: "org-api@example.com", name: "Org Api", emailVerified: new Date(), createdAt: new Date(Date.now() - 90 * 86_400_000) },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
  const org = await db.organisation.create({
    data: { slug: "harbour", name: "Harbour Health", category: "INSURER", country: "AU", officialPhone: "+611800160401", policyNeverAsks: "Security answers", sourceCredit: "Demo", sourceUrl: "https://example.org", verifiedNumberCount: 1 },
  });
  await db.organisation.create({ data: { slug: "harbour-old", name: "Harbour Old", status: "MERGED", mergedIntoId: org.id } });
  await db.organisationContactNumber.create({ data: { organisationId: org.id, e164: "+611800160401", purpose: "Members' enquiries", sourceUrl: "https://example.org/contact", sourceTitle: "Contact us" } });
  await db.organisationSource.create({ data: { organisationId: org.id, url: "https://example.org/scams", title: "Scams", excerpt: "We never ask for your security answers." } });
  await db.phoneNumber.create({ data: { e164: "+61270101234", type: "FIXED_LINE", country: "AU" } });
  await db.claim.create({ data: { e164: "+61270101234", organisationId: org.id, organisationKey: org.id, status: "VERIFIED", evidenceMethod: "OFFICIAL_WEBSITE", verifiedAt: new Date("2026-01-02T00:00:00Z") } });
  for (const [i, number] of ["0491 570 006", "0491 570 110", "0491 570 110"].entries()) {
    await createReport(actor, { number, channel: "CALL", category: "LEGITIMATE_UNSAFE", askedFor: ["SECURITY_ANSWERS"], organisationId: org.id, idempotencyKey: `api-key-000${i}` }, { address: "api" });
  }
});

describe("GET /api/v1/organisations/{slug}", () => {
  test("answers the organisation, its registry numbers, claimed numbers and reputation across them", async () => {
    const response = await lookup("harbour");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(organisationLookupSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      name: "Harbour Health",
      status: "ACTIVE",
      officialPhone: "+611800160401",
      callingPolicy: { neverAsks: "Security answers", callsFrom: null },
      verifiedNumbers: [{ e164: "+61270101234", type: "FIXED_LINE", evidenceMethod: "OFFICIAL_WEBSITE", verifiedAt: "2026-01-02T00:00:00.000Z" }],
      verifiedNumbersTotal: 1,
      verifiedNumbersNext: null,
      claimedNumbers: [
        { e164: "+61491570110", status: "UNVERIFIED", reports: 2 },
        { e164: "+61491570006", status: "UNVERIFIED", reports: 1 },
      ],
      claimedNumbersTotal: 2,
      claimedNumbersNext: null,
      reputation: { numbers: 3, reports: 3, categories: [{ category: "LEGITIMATE_UNSAFE", count: 3 }], askedFor: [{ item: "SECURITY_ANSWERS", count: 3 }] },
      source: { credit: "Demo", url: "https://example.org" },
      contactNumbers: [{ e164: "+611800160401", purpose: "Members' enquiries", sourceUrl: "https://example.org/contact", sourceTitle: "Contact us" }],
      sources: [{ url: "https://example.org/scams", title: "Scams", excerpt: "We never ask for your security answers." }],
    });
  });

  test("an organisation with more numbers than one answer holds pages both lists, each number once", async () => {
    const org = await db.organisation.create({ data: { slug: "many-numbers", name: "Many Numbers", category: "BANK", country: "AU", verifiedNumberCount: 57 } });
    const numbers = Array.from({ length: 110 }, (_, i) => `+6128${String(1_000_000 + i)}`);
    await db.phoneNumber.createMany({ data: numbers.map((e164) => ({ e164, type: "FIXED_LINE" as const, country: "AU" })) });
    await db.claim.createMany({
      data: numbers.map((e164, i) =>
        i < 57
          ? { e164, organisationId: org.id, organisationKey: org.id, status: "VERIFIED" as const, evidenceMethod: "OFFICIAL_WEBSITE" as const, verifiedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) }
          : { e164, organisationId: org.id, organisationKey: org.id, status: "UNVERIFIED" as const, reportCount: i % 7 },
      ),
    });
    for (const [list, after, next, total] of [["verifiedNumbers", "verifiedAfter", "verifiedNumbersNext", 57], ["claimedNumbers", "claimedAfter", "claimedNumbersNext", 53]] as const) {
      const seen: string[] = [];
      let query = "";
      for (let pages = 0; pages < 5; pages++) {
        const response = await lookup("many-numbers", query);
        expect(response.status).toBe(200);
        const body = await response.json();
        expect(organisationLookupSchema.safeParse(body).success).toBe(true);
        expect(body[list].length).toBeLessThanOrEqual(50);
        expect(body[`${list}Total`]).toBe(total);
        seen.push(...body[list].map((n: { e164: string }) => n.e164));
        if (!body[next]) break;
        query = `?${after}=${body[next]}`;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    }
    const bad = await lookup("many-numbers", "?verifiedAfter=%3Cscript%3E");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^verifiedAfter: /);
  });

  test("a merged organisation answers 308 to its target; unknown and malformed slugs 404 with the error shape", async () => {
    const merged = await lookup("harbour-old");
    expect(merged.status).toBe(308);
    expect(merged.headers.get("location")).toBe("http://localhost/api/v1/organisations/harbour");
    for (const slug of ["nobody", "../etc", "UPPER"]) {
      const response = await lookup(slug);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "NOT_FOUND", message: "No organisation has that slug." } });
    }
  });

  test("is documented in a valid OpenAPI 3.1 document", async () => {
    const document = openApiDocument("https://callercheck.example");
    const result = await new Validator().validate(document as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(document.paths)).toContain("/api/v1/organisations/{slug}");
    expect(document.components.schemas).toHaveProperty("Organisation");
  });
});
