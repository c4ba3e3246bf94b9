import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { getApiKeyActor, hashApiKey } from "../platform/api-keys";
import { apiRoute } from "../platform/api";
import { db } from "../platform/db";
import { AppError } from "../platform/errors";
import { LIMITS } from "../platform/rate-limit";
import { createApiKey, listApiKeys, revokeApiKey } from "./keys";

const key = () => randomBytes(6).toString("hex");

async function member(): Promise<Actor> {
  const createdAt = new Date(Date.now() - 30 * 86_400_000);
  return db.user.create({
    data: { email: `keys-${key()}@example.com`, name: "Key Holder", createdAt, emailVerified: createdAt },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

// Any /api/v1 handler: the wrapper is what counts requests.
const handler = apiRoute(async () => Response.json({ ok: true }));
const call = (headers: Record<string, string>) => handler(new Request("http://localhost/api/v1/anything", { headers: { "x-forwarded-for": `10.7.${key().slice(0, 2)}`, ...headers } }), {});

describe("API keys", () => {
  test("only the hash is stored; the key works by either header and shows its remaining quota", async () => {
    const actor = await member();
    const created = await createApiKey(actor, { name: "Router" });
    expect(created.key).toMatch(/^cck_[A-Za-z0-9_-]{32}$/);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row.dailyQuota).toBeGreaterThan(LIMITS.api.points * (86_400 / LIMITS.api.duration));

    const first = await call({ authorization: `Bearer ${created.key}` });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe(String(row.dailyQuota));
    expect(first.headers.get("x-ratelimit-remaining")).toBe(String(row.dailyQuota - 1));
    const second = await call({ "x-api-key": created.key });
    expect(second.headers.get("x-ratelimit-remaining")).toBe(String(row.dailyQuota - 2));
    expect((await listApiKeys(actor.id))[0]).toMatchObject({ name: "Router", lastUsedAt: expect.any(Date), revokedAt: null });
  });

  test("a key over its quota gets 429 with Retry-After, and other keys are not affected", async () => {
    const actor = await member();
    const small = await createApiKey(actor, { name: "Small" });
    const other = await createApiKey(actor, { name: "Other" });
    await db.apiKey.update({ where: { id: small.id }, data: { dailyQuota: 2 } });
    expect((await call({ "x-api-key": small.key })).status).toBe(200);
    const last = await call({ "x-api-key": small.key });
    expect(last.status).toBe(200);
    expect(last.headers.get("x-ratelimit-remaining")).toBe("0");
    const refused = await call({ "x-api-key": small.key });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    expect((await call({ "x-api-key": other.key })).status).toBe(200);
  });

  test("a revoked, unknown or malformed key is refused with 401; only its owner can revoke it", async () => {
    const owner = await member();
    const stranger = await member();
    const created = await createApiKey(owner, { name: "Soon gone" });
    await expect(revokeApiKey(stranger, { id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await call({ authorization: `Bearer ${created.key}` })).status).toBe(200);
    await revokeApiKey(owner, { id: created.id });
    const refused = await call({ authorization: `Bearer ${created.key}` });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    expect((await call({ "x-api-key": "cck_not-a-real-key" })).status).toBe(401);
    expect((await call({ "x-api-key": "anything" })).status).toBe(401);
    await expect(revokeApiKey(owner, { id: created.id })).rejects.toBeInstanceOf(AppError);
  });

  test("a key for an organisation needs its confirmed representative, and getApiKeyActor carries the scope", async () => {
    const actor = await member();
    const org = await db.organisation.create({ data: { slug: `keyed-${key()}`, name: "Keyed Bank", category: "BANK" } });
    await expect(createApiKey(actor, { name: "Org", organisationId: org.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await db.organisationRepresentative.create({ data: { userId: actor.id, organisationId: org.id, email: actor.email, confirmedAt: new Date(), status: "ACTIVE" } });
    const created = await createApiKey(actor, { name: "Org", organisationId: org.id });
    const scoped = await getApiKeyActor(new Request("http://localhost/", { headers: { "x-api-key": created.key } }));
    expect(scoped).toMatchObject({ keyId: created.id, userId: actor.id, organisationId: org.id });
    expect(await getApiKeyActor(new Request("http://localhost/"))).toBeNull();
  });

  test("a blank name is refused and nothing is created", async () => {
    const actor = await member();
    await expect(createApiKey(actor, { name: "   " })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { name: [expect.any(String)] } });
    expect(await db.apiKey.count({ where: { userId: actor.id } })).toBe(0);
    await expect(createApiKey(null, { name: "x" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
