import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, test } from "vitest";
import { apiErrorSchema } from "@/lib/platform/api-error";
import { db } from "@/lib/platform/db";
import { listOrganisations } from "@/lib/organisations/organisation";
import { normalisePhone } from "@/lib/numbers/phone";
import { listRegistry } from "@/lib/registry/feed";
import { AppError } from "@/lib/platform/errors";
import { createRemovalRequest } from "@/lib/moderation/removals";
import { createComment } from "@/lib/comments/comment";
import { createReport } from "@/lib/reports/report";
import { signUp } from "@/lib/accounts/sign-up";
import { GET as searchOrganisationsRoute } from "./organisations/search/route";
import { GET as numberRoute } from "./v1/numbers/[number]/route";
import { GET as organisationRoute } from "./v1/organisations/[slug]/route";
import { GET as registryRoute } from "./v1/registry/route";

// Hostile input from public lists (SQL injection payloads, the Big List of Naughty Strings) into every
// public read: nothing may answer 5xx, and the JSON API answers errors in its one shape.

// Copies of the shared lists live in the repository (lib/fixtures/LICENCES.md).
const DATA = new URL("../../lib/fixtures/", import.meta.url);
const sqlPayloads = (JSON.parse(readFileSync(new URL("sql-injection-payloads.json", DATA), "utf8")) as { payloads: { payload: string }[] }).payloads.map((p) => p.payload);
const naughty = JSON.parse(readFileSync(new URL("blns.json", DATA), "utf8")) as string[];

/** Every n-th item, so the sample spreads over every category of each list. */
const spread = (list: string[], n: number) => list.filter((_, i) => i % n === 0);
const extras = ["\u0000", "ab\u0000cd", "%00", "\ud800ab", "a".repeat(5000), "+61\u0000491570159", "harbour\u0000", "-1", "9".repeat(400), "2026-01-01T00:00:00Z\u0000"];
const PAYLOADS = [...spread(sqlPayloads, 9), ...spread(naughty, 3), ...extras];

let address = 0;
const headers = () => ({ "x-callercheck-client-address": `10.9.${Math.floor(++address / 250)}.${address % 250}` });
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
const safePath = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return "x";
  }
};

async function expectSafe(response: Response, label: string) {
  expect(response.status, label).toBeLessThan(500);
  if (response.status >= 400 && response.headers.get("content-type")?.includes("json")) {
    const body = await response.json();
    expect(apiErrorSchema.safeParse(body).success || Array.isArray(body.organisations), `${label}: ${JSON.stringify(body)}`).toBe(true);
  }
}

beforeAll(async () => {
  const org = await db.organisation.create({ data: { slug: "harbour", name: "Harbour Health", searchText: "harbour health", officialPhone: "+611800160401" } });
  await db.phoneNumber.create({ data: { e164: "+61270101234", type: "FIXED_LINE", country: "AU" } });
  await db.claim.create({
    data: { e164: "+61270101234", organisationId: org.id, organisationKey: org.id, status: "VERIFIED", evidenceMethod: "OFFICIAL_WEBSITE", verifiedAt: new Date(), statusChangedAt: new Date() },
  });
});

test("the sample is large and spread over both lists", () => {
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(200);
  expect(PAYLOADS.some((p) => /union\s+select/i.test(p))).toBe(true);
});

describe("public API under hostile input", { timeout: 240_000 }, () => {
  test("GET /api/v1/numbers/{number} and ?region=", async () => {
    for (const payload of PAYLOADS) {
      const request = new Request(`http://localhost/api/v1/numbers/${safePath(payload)}?${qs({ region: payload })}`, { headers: headers() });
      await expectSafe(await numberRoute(request, { params: Promise.resolve({ number: payload }) }), `number ${JSON.stringify(payload)}`);
    }
  });

  test("GET /api/v1/organisations/{slug}", async () => {
    for (const payload of PAYLOADS) {
      const request = new Request(`http://localhost/api/v1/organisations/${safePath(payload)}`, { headers: headers() });
      await expectSafe(await organisationRoute(request, { params: Promise.resolve({ slug: payload }) }), `slug ${JSON.stringify(payload)}`);
    }
  });

  test("GET /api/v1/registry?since=, ?cursor= and ?limit=", async () => {
    for (const payload of PAYLOADS) {
      for (const key of ["since", "cursor", "limit"]) {
        const request = new Request(`http://localhost/api/v1/registry?${qs({ [key]: payload })}`, { headers: headers() });
        await expectSafe(await registryRoute(request, {}), `${key} ${JSON.stringify(payload)}`);
      }
      const cursor = Buffer.from(`${payload}|${payload}`).toString("base64url");
      const request = new Request(`http://localhost/api/v1/registry?${qs({ cursor })}`, { headers: headers() });
      await expectSafe(await registryRoute(request, {}), `cursor from ${JSON.stringify(payload)}`);
    }
  });

  test("forged cursors: out-of-range dates and NUL bytes are a 400, not a 500", async () => {
    for (const raw of ["-271821-04-20T00:00:00.000Z|abc", "+275760-09-13T00:00:00.000Z|abc", "2026-01-01T00:00:00.000Z|a\u0000b"]) {
      const request = new Request(`http://localhost/api/v1/registry?${qs({ cursor: Buffer.from(raw).toString("base64url") })}`, { headers: headers() });
      const response = await registryRoute(request, {});
      expect(response.status, raw).toBe(400);
      expect(apiErrorSchema.safeParse(await response.json()).success).toBe(true);
    }
  });

  test("GET /api/organisations/search?q=", async () => {
    for (const payload of PAYLOADS) {
      const request = new NextRequest(`http://localhost/api/organisations/search?${qs({ q: payload })}`, { headers: headers() });
      const response = await searchOrganisationsRoute(request);
      await expectSafe(response, `q ${JSON.stringify(payload)}`);
      expect(response.status, `q ${JSON.stringify(payload)}`).toBe(200);
    }
  });
});

describe("the pages' searches under hostile input (/lookup, /organisations, /registry ?q=)", { timeout: 240_000 }, () => {
  test("never throw", async () => {
    for (const payload of PAYLOADS) {
      expect(() => normalisePhone(payload, "AU"), JSON.stringify(payload)).not.toThrow();
      await expect(listOrganisations({ q: payload.slice(0, 100) }), JSON.stringify(payload)).resolves.toBeDefined();
      await expect(listRegistry({ q: payload.slice(0, 100) }), JSON.stringify(payload)).resolves.toBeDefined();
    }
  });

  test("the registry still answers real searches (the test is not vacuous)", async () => {
    expect((await listRegistry({ q: "harbour" })).map((entry) => entry.e164)).toEqual(["+61270101234"]);
    expect((await listOrganisations({ q: "harbour\u0000" })).organisations.map((org) => org.slug)).toEqual(["harbour"]);
    const response = await searchOrganisationsRoute(new NextRequest(`http://localhost/api/organisations/search?${qs({ q: "harbour\u0000" })}`, { headers: headers() }));
    expect((await response.json()).organisations).toMatchObject([{ slug: "harbour", domain: null }]);
  });
});

describe("NUL and control characters in commands' fields", () => {
  const nul = ["a\u0000b", "\u0000", "text\u001b[31m", "bell\u0007"];

  test("a removal request refuses them with a clear message and stores nothing", async () => {
    for (const [i, bad] of nul.entries()) {
      for (const field of ["name", "email", "reason"] as const) {
        const input = { e164: "+61270101234", name: "Pat Owner", email: `owner${i}@example.com`, reason: "This is my own number and it was listed by mistake.", [field]: bad };
        const error = (await createRemovalRequest(input, `10.7.0.${i}`).catch((caught: unknown) => caught)) as AppError;
        expect(error, `${field} ${JSON.stringify(bad)}`).toBeInstanceOf(AppError);
        expect(error.code).toBe("INVALID");
        expect(error.fieldErrors?.[field]?.[0]).toMatch(/control characters/);
      }
    }
    expect(await db.removalRequest.count()).toBe(0);
  });

  test("a comment, a report and a sign-up refuse them too", async () => {
    const actor = await db.user.create({
      data: { email: "nul-actor@example.com", name: "Nul Actor", emailVerified: new Date(Date.now() - 90 * 86_400_000), createdAt: new Date(Date.now() - 90 * 86_400_000) },
      select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
    });
    for (const bad of nul) {
      await expect(createComment(actor, { e164: "+61270101234", body: `Called twice ${bad} today` })).rejects.toMatchObject({ code: "INVALID" });
      await expect(createReport(actor, { number: "+61270101234", category: "SCAM", body: `They asked ${bad} for my PIN`, idempotencyKey: "nul-report-key" }, { address: "10.7.1.1" })).rejects.toMatchObject({ code: "INVALID" });
      await expect(signUp({ name: `Nul${bad}Name`, email: "nul-signup@example.com", password: "a long enough password" })).rejects.toMatchObject({ code: "INVALID" });
    }
    expect(await db.comment.count({ where: { authorId: actor.id } })).toBe(0);
    expect(await db.report.count({ where: { reporterId: actor.id } })).toBe(0);
  });
});
