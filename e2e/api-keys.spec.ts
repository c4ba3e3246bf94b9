import { expect, sql, test } from "./fixtures";

test("a member creates an API key, calls the API with it, revokes it, and the next call is refused", async ({ page, member, playwright }) => {
  await page.goto("/account");
  const section = page.getByRole("region", { name: "API keys" });
  await expect(section.getByTestId("no-api-keys")).toBeVisible();

  // A nameless key is refused with the field's message.
  await section.getByRole("button", { name: "Create key" }).click();
  await expect(section.getByTestId("api-key-name-error")).toContainText("Give the key a name");

  await section.getByLabel("Key name").fill("Home router");
  await section.getByRole("button", { name: "Create key" }).click();
  const value = section.getByTestId("new-api-key-value");
  await expect(value).toHaveValue(/^cck_/);
  const key = await value.inputValue();
  await expect(section.getByTestId("api-key")).toHaveCount(1);
  await expect(section.getByTestId("api-key")).toContainText("Home router");
  const stored = await sql().query(`SELECT "keyHash" FROM "ApiKey" WHERE "userId" = $1`, [member.id]);
  expect(stored.rows).toHaveLength(1);
  expect(stored.rows[0].keyHash).not.toBe(key);

  // A client outside the browser: no session cookie, only the key.
  const api = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const ok = await api.get("/api/v1/feeds/blocklist.json", { headers: { Authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  const limit = Number(ok.headers()["x-ratelimit-limit"]);
  expect(limit).toBeGreaterThan(0);
  expect(Number(ok.headers()["x-ratelimit-remaining"])).toBe(limit - 1);

  await section.getByRole("button", { name: "Revoke key Home router" }).click();
  await expect(section.getByTestId("api-key-revoked")).toBeVisible();

  const refused = await api.get("/api/v1/feeds/blocklist.json", { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("UNAUTHENTICATED");
  await api.dispose();
});
