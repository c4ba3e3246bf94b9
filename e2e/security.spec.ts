import type { APIRequestContext } from "@playwright/test";
import { test, expect, createUser, signInAs, sql, uniqueSuffix } from "./fixtures";

// Findings of the security review, each checked the way an attacker would try it.

async function postCredentials(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  return request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
}

test("credentials posted straight to Auth.js count against the sign-in limit too", async ({ page }) => {
  const user = await createUser();
  // LIMITS["signin-pair"] allows 5 failures per account and address in 15 minutes.
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await postCredentials(page.request, user.email, "wrong-password-guess");
    expect(response.status()).toBeLessThan(500);
    expect(response.headers()["location"]).not.toContain("rate_limited");
  }
  // The sixth try, with the right password, is refused through the form…
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Too many sign-in attempts. Try again in");
  // …and straight to Auth.js, which answers with an error redirect and no session.
  const direct = await postCredentials(page.request, user.email, user.password);
  expect(direct.headers()["location"]).toContain("code=rate_limited");
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session?.user).toBeUndefined();
});

test("a stranger's failures from another address do not lock the owner out", async ({ page, browser }) => {
  const user = await createUser();
  const stranger = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `e2e-client-${uniqueSuffix()}` } });
  for (let attempt = 0; attempt < 7; attempt++) await postCredentials(stranger.request, user.email, "wrong-password-guess");
  expect((await postCredentials(stranger.request, user.email, user.password)).headers()["location"]).toContain("code=rate_limited");
  await stranger.close();
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText(user.name);
});

test("one address cannot walk through many accounts", async ({ page }) => {
  // LIMITS["signin-address"]: 30 attempts per address in 15 minutes, whichever accounts they name.
  for (let attempt = 0; attempt < 30; attempt++) {
    expect((await postCredentials(page.request, `nobody-${uniqueSuffix()}@example.com`, "wrong-password-guess")).headers()["location"]).not.toContain("rate_limited");
  }
  const user = await createUser();
  expect((await postCredentials(page.request, user.email, user.password)).headers()["location"]).toContain("code=rate_limited");
});

test("sign out of all devices ends a copied session cookie", async ({ page, context, browser }) => {
  const user = await createUser();
  await signInAs(context, user);
  const copied = await context.cookies();
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out of all devices" }).click();
  await expect(page.getByText("You are signed out on every device.")).toBeVisible();
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/account");
  await expect(stolen).toHaveURL(/\/signin/);
  expect((await (await thief.request.get("/api/auth/session")).json())?.user).toBeUndefined();
  await thief.close();
});

test("a bumped session version (suspension, role change, reset) ends the session on the next request", async ({ page, context }) => {
  const user = await createUser();
  await signInAs(context, user);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await sql().query(`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE id = $1`, [user.id]);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);
});

test("a signed-in member sent to /signin with a tab-smuggled callbackUrl stays on the site", async ({ page, context }) => {
  await signInAs(context, await createUser());
  const response = await page.request.get("/signin?callbackUrl=%2F%09%2Fevil.example", { maxRedirects: 0 });
  const location = response.headers()["location"] ?? "";
  expect(new URL(location, "http://callercheck.test/signin").hostname).toBe("callercheck.test");
});

test("repeated query parameters are not a server error", async ({ page }) => {
  for (const path of ["/registry?q=harbour&q=bank", "/confirm-email?token=abcdefghijkl&token=mnopqrstuvwx", "/organisations?q=a&q=b", "/lookup?q=1&q=2"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBeLessThan(500);
  }
  await page.goto("/registry?q=harbour&q=bank");
  await expect(page.getByRole("heading", { name: "Verified registry" })).toBeVisible();
});

test("user-supplied organisation websites link with rel=ugc and never as javascript:", async ({ page }) => {
  const slug = `sec-org-${Date.now().toString(36)}`;
  await sql().query(
    `INSERT INTO "Organisation" (id, slug, name, website, domains, aliases, status, "searchText", "updatedAt") VALUES ($1, $2, $3, $4, '{}', '{}', 'PROPOSED', $3, now())`,
    [`c${slug.replace(/-/g, "")}`, slug, `Sec Org ${slug}`, "https://example.org/"],
  );
  await page.goto(`/organisations/${slug}`);
  const link = page.locator('a[href="https://example.org/"]');
  await expect(link).toHaveAttribute("rel", "nofollow noopener noreferrer ugc");
  await sql().query(`UPDATE "Organisation" SET website = 'javascript:alert(1)' WHERE slug = $1`, [slug]);
  await page.goto(`/organisations/${slug}`);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
});

test("moderation searches take repeated query parameters too", async ({ page, moderator }) => {
  expect(moderator.role).toBe("MODERATOR");
  for (const path of ["/moderation/members?q=a&q=b", "/moderation/organisations?q=a&q=b", "/moderation/registry?q=a&q=b", "/moderation/audit?actor=a&actor=b&action=x&action=y"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
});
