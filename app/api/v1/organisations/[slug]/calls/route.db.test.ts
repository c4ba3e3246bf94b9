import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/platform/db";
import { apiErrorSchema } from "@/lib/platform/api-error";
import { callCheckSchema, recordedCallSchema } from "@/lib/representatives/api-schema";
import { createApiKey } from "@/lib/representatives/calls";
import { POST as checkRoute } from "./check/route";
import { POST as recordRoute } from "./route";

let address = 0;
const post = (route: typeof recordRoute, slug: string, body: unknown, headers: Record<string, string> = {}) =>
  route(
    new Request(`http://localhost/api/v1/organisations/${slug}/calls`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.7.0.${++address}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ slug }) },
  );

let key = "";
let otherKey = "";

beforeAll(async () => {
  const user = await db.user.create({
    data: { email: "calls-api@example.com", name: "Calls Api", emailVerified: new Date() },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
  const org = await db.organisation.create({ data: { slug: "tern", name: "Tern Mutual", country: "AU" }, select: { id: true } });
  const other = await db.organisation.create({ data: { slug: "gannet", name: "Gannet Bank", country: "AU" }, select: { id: true } });
  for (const organisationId of [org.id, other.id]) {
    await db.organisationRepresentative.create({ data: { userId: user.id, organisationId, email: user.email, status: "ACTIVE" } });
  }
  key = (await createApiKey(user, { organisationId: org.id, name: "dialler" })).key;
  otherKey = (await createApiKey(user, { organisationId: other.id, name: "theirs" })).key;
});

describe("POST /api/v1/organisations/{slug}/calls and /calls/check", () => {
  test("a key records a call; the reference checks once", async () => {
    const recorded = await post(recordRoute, "tern", { from: "02 7010 1234" }, { authorization: `Bearer ${key}` });
    expect(recorded.status).toBe(201);
    const call = recordedCallSchema.parse(await recorded.json());
    expect(call.from).toBe("+61270101234");

    const first = await post(checkRoute, "tern", { reference: call.reference.toLowerCase() });
    expect(first.status).toBe(200);
    expect(callCheckSchema.parse(await first.json())).toMatchObject({ called: true, from: "+61270101234" });
    const again = await post(checkRoute, "tern", { reference: call.reference });
    expect(await again.json()).toEqual({ called: false, from: null, calledAt: null });
    // The reference is the organisation's: checking it against another one finds nothing.
    const elsewhere = await post(checkRoute, "gannet", { reference: call.reference });
    expect(await elsewhere.json()).toEqual({ called: false, from: null, calledAt: null });
  });

  test("no key, a wrong key, another organisation's key and bad bodies answer in the error shape and record nothing", async () => {
    const before = await db.recordedCall.count();
    const cases: [Response, number, string][] = [
      [await post(recordRoute, "tern", { from: "02 7010 1234" }), 401, "UNAUTHENTICATED"],
      [await post(recordRoute, "tern", { from: "02 7010 1234" }, { authorization: "Bearer cck_nope" }), 401, "UNAUTHENTICATED"],
      [await post(recordRoute, "tern", { from: "02 7010 1234" }, { authorization: `Bearer ${otherKey}` }), 403, "FORBIDDEN"],
      [await post(recordRoute, "tern", "not json", { authorization: `Bearer ${key}` }), 400, "INVALID"],
      [await post(recordRoute, "tern", { from: "12" }, { authorization: `Bearer ${key}` }), 400, "INVALID"],
      [await post(checkRoute, "tern", { reference: "!!" }), 400, "INVALID"],
      [await post(checkRoute, "tern", "{"), 400, "INVALID"],
      [await post(checkRoute, "no-such-org", { reference: "ABCDEF" }), 404, "NOT_FOUND"],
    ];
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status);
      expect(apiErrorSchema.parse(await response.json()).error.code).toBe(code);
    }
    expect(await db.recordedCall.count()).toBe(before);
  });

  test("a bad field is named in the error's message: an API client has no highlighted fields to look at", async () => {
    const { error } = apiErrorSchema.parse(await (await post(checkRoute, "tern", { reference: "<x>" })).json());
    expect(error.code).toBe("INVALID");
    expect(error.message).toMatch(/^reference: \S/);
    expect(error.message).not.toContain("highlighted");
  });
});
