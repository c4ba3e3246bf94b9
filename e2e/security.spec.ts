import type { APIRequestContext } from "@playwright/test";
import { test, expect, createUser, ownClientAddress, reportedNumber, signInAs, sql, uniqueSuffix } from "./fixtures";

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

test("signing out ends that session: a copied cookie no longer reads or writes; the member's other sessions go on", async ({ browser }) => {
  const user = await createUser();
  const signIn = async () => {
    const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
    const page = await context.newPage();
    await page.goto("/signin?callbackUrl=/account");
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account$/);
    return { context, page };
  };
  const laptop = await signIn();
  const phone = await signIn();
  const copied = await laptop.context.cookies();
  expect(copied.some((cookie) => cookie.name === "authjs.session-token")).toBe(true);

  await laptop.page.getByRole("button", { name: "Sign out", exact: true }).filter({ visible: true }).click();
  await expect(laptop.page.getByRole("link", { name: "Sign in" }).filter({ visible: true })).toBeVisible();

  // The copy: signed out for every kind of request, and its writes refused with nothing stored.
  const thief = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await thief.addCookies(copied);
  expect((await thief.request.get("/api/me")).status()).toBe(401);
  expect((await (await thief.request.get("/api/auth/session")).json())?.user).toBeUndefined();
  const stolen = await thief.newPage();
  await stolen.goto("/account");
  await expect(stolen).toHaveURL(/\/signin/);
  const e164 = await reportedNumber(2);
  const vote = await thief.request.post("/api/votes", { data: { e164, legitimate: false }, headers: { origin: process.env.E2E_BASE_URL! } });
  expect(vote.status()).toBe(401);
  expect((await sql().query(`SELECT count(*)::int AS n FROM "Vote" WHERE "userId" = $1`, [user.id])).rows).toEqual([{ n: 0 }]);

  // The phone, signed in on its own, is still signed in.
  await phone.page.goto("/account");
  await expect(phone.page.getByRole("heading", { name: "Your account" })).toBeVisible();
  expect((await phone.context.request.get("/api/me")).status()).toBe(200);
  await Promise.all([thief.close(), laptop.context.close(), phone.context.close()]);
});

test("changing the password on the account page keeps this browser signed in and signs every other one out", async ({ browser }) => {
  const user = await createUser();
  const signIn = async (password: string) => {
    const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
    const page = await context.newPage();
    await page.goto("/signin?callbackUrl=/account");
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    return { context, page };
  };
  const laptop = await signIn(user.password);
  await expect(laptop.page).toHaveURL(/\/account$/);
  const phone = await signIn(user.password);
  await expect(phone.page).toHaveURL(/\/account$/);

  const form = laptop.page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password").fill("a brand new passphrase");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password.")).toBeVisible();

  await form.getByLabel("Current password").fill(user.password);
  await form.getByLabel("New password").fill("a brand new passphrase");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.page.getByTestId("password-changed")).toHaveText("Your password is changed. Every other device is signed out.");
  await laptop.page.goto("/account");
  await expect(laptop.page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await phone.page.goto("/account");
  await expect(phone.page).toHaveURL(/\/signin/);

  const old = await signIn(user.password);
  await expect(old.page).toHaveURL(/\/signin/);
  const renewed = await signIn("a brand new passphrase");
  await expect(renewed.page).toHaveURL(/\/account$/);
  await Promise.all([laptop, phone, old, renewed].map(({ context }) => context.close()));
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
  // Stored before the URL parser guarded the boundary: the page still renders, without a link.
  for (const bad of ["https://<script>alert(1)</script>", "http://[::1", "https://%zz"]) {
    await sql().query(`UPDATE "Organisation" SET website = $2, "sourceUrl" = $2 WHERE slug = $1`, [slug, bad]);
    const response = await page.goto(`/organisations/${slug}`);
    expect(response?.status(), bad).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Sec Org ${slug}`);
  }
});

test("moderation searches take repeated query parameters too", async ({ page, moderator }) => {
  expect(moderator.role).toBe("MODERATOR");
  for (const path of ["/moderation/members?q=a&q=b", "/moderation/organisations?q=a&q=b", "/moderation/registry?q=a&q=b", "/moderation/audit?actor=a&actor=b&action=x&action=y"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
});

test("every kind of route sends the security headers; rendered pages carry a fresh script nonce, kept ones script hashes", async ({ page }) => {
  const routes = ["/", "/numbers/+61491570159", "/report", "/api/v1/registry", "/registry.csv", "/api/auth/csrf", "/api/health", "/this-page-does-not-exist", "/numbers/%FF", "/icon.svg", "/favicon.ico"];
  const nonces = new Set<string>();
  for (const path of routes) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["strict-transport-security"], path).toContain("max-age=63072000");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    if (nonce) nonces.add(nonce);
    // A visitor's public page may come from the page cache (scripts/server/page-cache.mjs): then its
    // policy lists the hashes of its inline scripts instead of a nonce that would be replayed.
    if (headers["x-cache"] === "HIT" || headers["x-cache"] === "MISS") expect(csp, path).toMatch(/script-src 'self'( 'sha256-[^']+')+;/);
    else if (path === "/report") expect(nonce, path).toBeTruthy();
  }
  expect(nonces.size).toBeGreaterThanOrEqual(5);

  // A rendered page's own scripts carry the nonce and run: the app is interactive under the policy.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/report");
  const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")![1];
  // Its inline scripts (scripts the page adds later, such as the proof-of-work widget's, load through 'strict-dynamic').
  const scripts = await page.locator("script:not([src])").evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce);
  await page.getByRole("searchbox").first().fill("0491 570 159");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/numbers\/\+61491570159/);
  expect(violations).toEqual([]);
});

test("malformed percent-encoding and control characters in paths answer 400, not 500", async ({ page }) => {
  for (const path of ["/numbers/%FF", "/organisations/%FF", "/api/v1/numbers/%FF", "/api/v1/organisations/%FF", "/organisations/abc%00def", "/api/v1/organisations/a%00b", "/numbers/%E0%A4%A"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    if (path.startsWith("/api/")) expect((await response.json()).error.code, path).toBe("INVALID");
    else expect(await response.text(), path).toContain("That address is not valid");
  }
});

test("a body over the limit answers 413 with a short message and is never echoed", async ({ page }) => {
  const big = "A".repeat(1024 * 1024);
  for (const path of ["/numbers/+61491570159/removal", "/api/v1/registry", "/api/auth/callback/credentials"]) {
    const response = await page.request.post(path, { data: big, headers: { "content-type": "text/plain" }, maxRedirects: 0 });
    expect(response.status(), path).toBe(413);
    const text = await response.text();
    expect(text.length, path).toBeLessThan(2_000);
  }
});

test("malformed server-action bodies answer 400, not 500", async ({ page }) => {
  const bodies: [string, string][] = [
    ["text/plain;charset=UTF-8", "{not json"],
    ["text/plain;charset=UTF-8", "[".repeat(100_000)],
    ["application/json", "{}"],
    ["application/octet-stream", "\u0000\u0001\u0002"],
    // JSON, but not the array of arguments Next's client always sends.
    ["text/plain;charset=UTF-8", '"x"'],
    ["text/plain;charset=UTF-8", "null"],
    ["text/plain;charset=UTF-8", "1"],
    ["text/plain;charset=UTF-8", "true"],
    ["text/plain;charset=UTF-8", "{}"],
  ];
  for (const [type, body] of bodies) {
    const response = await page.request.post("/report", { headers: { "next-action": "0".repeat(42), "content-type": type }, data: body, maxRedirects: 0 });
    expect(response.status(), `${type} ${body.slice(0, 20)}`).toBe(400);
    expect((await response.text()).length).toBeLessThan(2_000);
  }
});
