import type { BrowserContext, Page } from "@playwright/test";
import { createUser, expect, ownClientAddress, reportedNumber, signInAs, sql, test, uniqueSuffix, type TestUser } from "./fixtures";

// Members are sent the kept copy of a number page, the one visitors get (scripts/server/page-cache.mjs),
// once their browser carries the member-view hint; what is theirs comes from GET /api/me
// (components/member/member-view.tsx).

const HINT = "callercheck-view";

async function memberContext(browser: import("@playwright/test").Browser, user: TestUser): Promise<BrowserContext> {
  const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await signInAs(context, user);
  return context;
}

const hintOf = async (context: BrowserContext) => (await context.cookies()).find((cookie) => cookie.name === HINT)?.value;

/** Opens the page and waits until the member's own parts are in (their name in the header). */
async function openAsMember(page: Page, path: string, name: string) {
  const response = await page.goto(path);
  await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText(name);
  return response!;
}

test("a member's number page is the visitors' kept copy, with their vote, watch, comment and marks filled in", async ({ browser }) => {
  const e164 = await reportedNumber(2);
  const user = await createUser();
  const context = await memberContext(browser, user);
  const page = await context.newPage();

  // The first view is rendered for them; its GET /api/me sets the hint.
  const first = await openAsMember(page, `/numbers/${e164}`, user.name);
  expect(first.headers()["x-cache"]).toBeUndefined();
  await expect.poll(() => hintOf(context)).toBe("member");

  // Their writes through the page's parts.
  await page.getByRole("button", { name: "Not legitimate" }).click();
  await expect(page.getByTestId("my-vote")).toHaveText("Your vote: Not legitimate");
  await page.getByRole("button", { name: "Watch this number" }).click();
  await expect(page.getByRole("button", { name: "Stop watching" })).toBeVisible();
  const body = `Kept-page comment ${Date.now()}`;
  await page.getByLabel("Comment", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("comment-posted")).toBeVisible();

  // Now the kept copy: their comment dropped the old one, so this one is rendered anew — as a visitor's,
  // the request's cookies dropped — and kept; a visitor right after gets the very same document.
  const again = await openAsMember(page, `/numbers/${e164}`, user.name);
  expect(again.headers()["x-cache"]).toBe("MISS");
  const html = await again.text();
  const visitor = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  const visitorResponse = await visitor.request.get(`/numbers/${e164}`);
  expect(visitorResponse.headers()["x-cache"]).toBe("HIT");
  expect(await visitorResponse.text()).toBe(html);
  await visitor.close();
  expect(html).not.toContain('data-testid="current-user"');
  expect(html).toContain(body);
  expect(html).toContain("Sign in to watch");
  // …and on the page, what is theirs.
  await expect(page.getByTestId("my-vote")).toHaveText("Your vote: Not legitimate");
  await expect(page.getByRole("button", { name: "Stop watching" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to watch" })).toHaveCount(0);
  const mine = page.getByRole("article", { name: `Comment by ${user.name}` }).filter({ hasText: body });
  await expect(mine.getByRole("button", { name: "Edit" })).toBeVisible();
  await expect(mine.getByRole("button", { name: "Flag" })).toHaveCount(0);
  await expect(page.getByLabel("Comment", { exact: true })).toBeVisible();
  // Posting from the kept copy: the action renders the page for them, and the form keeps its message.
  await page.getByLabel("Comment", { exact: true }).fill(`A second comment ${Date.now()}`);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("comment-posted")).toBeVisible();

  // A client-side navigation (the header's search) is rendered for them and brings their parts along:
  // no visitor's controls and no /api/me call on the way.
  const next = await reportedNumber(2);
  const asked: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/me")) asked.push(request.url());
  });
  const search = page.getByRole("search", { name: "Search numbers" }).getByRole("searchbox");
  await search.fill(next);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/numbers/${next.replace("+", "\\+")}$`));
  await expect(page.getByRole("button", { name: "Watch this number" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Legitimate", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to watch" })).toHaveCount(0);
  expect(asked).toEqual([]);
  await context.close();
});

test("while a member's parts load, the visitor-only parts stay hidden; a 401 (signed out elsewhere) shows them and clears the hint", async ({ browser }) => {
  const e164 = await reportedNumber(2);
  const user = await createUser();
  const context = await memberContext(browser, user);
  const page = await context.newPage();
  await openAsMember(page, `/numbers/${e164}`, user.name);
  await expect.poll(() => hintOf(context)).toBe("member");

  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/me?*", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/numbers/${e164}`);
  await expect(page.getByRole("link", { name: "Sign in to watch" })).toBeHidden();
  await expect(page.locator("[data-visitor-only]").first()).toBeAttached();
  release();
  await expect(page.getByRole("button", { name: /Watch this number|Stop watching/ })).toBeVisible();

  // Signed out elsewhere (the session cookie gone, the hint left): the answer is a 401, the hint is
  // cleared, and the visitor's parts show.
  await page.unroute("**/api/me?*");
  await context.clearCookies({ name: "authjs.session-token" });
  const refused = page.waitForResponse((response) => response.url().includes("/api/me"));
  await page.goto(`/numbers/${e164}`);
  expect((await refused).status()).toBe(401);
  await expect(page.getByRole("link", { name: "Sign in to watch" })).toBeVisible();
  await expect.poll(() => hintOf(context)).toBeUndefined();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true }).filter({ visible: true })).toBeVisible();
  await context.close();
});

test("staff are sent the kept copy too: the hidden texts only staff read (reports, comments, an organisation's reports) and the Moderation link come from their view", async ({ browser }) => {
  // One reporter: the privacy rule holds the number's texts back from everyone but staff.
  const e164 = await reportedNumber(1);
  const suffix = uniqueSuffix();
  const org = { id: `ks${suffix}`, slug: `kept-staff-org-${suffix}`, name: `Kept Staff Org ${suffix}` };
  await sql().query(
    `INSERT INTO "Organisation" (id, slug, name, category, country, aliases, domains, "searchText", "updatedAt") VALUES ($1, $2, $3, 'OTHER', 'AU', '{}', '{}', lower($3), now())`,
    [org.id, org.slug, org.name],
  );
  const author = await createUser();
  const reportText = `a report text held back ${suffix}`;
  const callerId = `CALLER ${suffix}`;
  await sql().query(
    `INSERT INTO "Report" (id, e164, "reporterId", "organisationId", category, channel, "occurredAt", "createdAt", "askedFor", "idempotencyKey", body, "callerIdName")
     VALUES ($1, $2, $3, $4, 'SCAM', 'CALL', now(), now(), '{}', $1, $5, $6)`,
    [`e2er${suffix}`, e164, author.id, org.id, reportText, callerId],
  );
  const commentText = `a comment hidden by a moderator ${suffix}`;
  await sql().query(`INSERT INTO "Comment" (id, e164, "authorId", body, "hiddenAt") VALUES ($1, $2, $3, $4, now())`, [`e2eh${suffix}`, e164, author.id, commentText]);
  await sql().query(`UPDATE "PhoneNumber" SET "commentCount" = "commentCount" + 1 WHERE e164 = $1`, [e164]);

  const moderator = await createUser({ role: "MODERATOR" });
  const context = await memberContext(browser, moderator);
  const page = await context.newPage();
  // The first page is rendered for them (their texts with it); its GET /api/me sets the hint, as for members.
  await openAsMember(page, "/about", moderator.name);
  await expect.poll(() => hintOf(context)).toBe("member");

  for (const path of [`/numbers/${e164}`, `/organisations/${org.slug}`]) {
    const response = await openAsMember(page, path, moderator.name);
    expect(["HIT", "MISS"], path).toContain(response.headers()["x-cache"]);
    // The kept copy names none of the texts…
    const html = await response.text();
    for (const text of [reportText, callerId, commentText]) expect(html, path).not.toContain(text);
    // …and the moderator reads them, filled in from their view.
    await expect(page.getByText(reportText)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" })).toBeVisible();
  }
  await page.goto(`/numbers/${e164}`);
  await expect(page.getByText(callerId)).toBeVisible();
  await expect(page.getByText(commentText)).toBeVisible();

  // A member on the same kept copy reads none of them, and has no Moderation link.
  const member = await createUser();
  const memberContextB = await memberContext(browser, member);
  const memberPage = await memberContextB.newPage();
  await openAsMember(memberPage, "/about", member.name);
  await expect.poll(() => hintOf(memberContextB)).toBe("member");
  await openAsMember(memberPage, `/numbers/${e164}`, member.name);
  await expect(memberPage.getByTestId("comments-privacy")).toBeVisible();
  await expect(memberPage.getByTestId("texts-hidden")).toBeVisible();
  for (const text of [reportText, callerId, commentText]) await expect(memberPage.getByText(text)).toHaveCount(0);
  await expect(memberPage.getByRole("link", { name: "Moderation" })).toHaveCount(0);
  await openAsMember(memberPage, `/organisations/${org.slug}`, member.name);
  await expect(memberPage.getByText(reportText)).toHaveCount(0);
  await memberContextB.close();
  await context.close();
});

test("signing out ends the member's view and the hint", async ({ browser }) => {
  const user = await createUser();
  const context = await memberContext(browser, user);
  const page = await context.newPage();
  await openAsMember(page, "/registry", user.name);
  await expect.poll(() => hintOf(context)).toBe("member");
  // The registry is kept for members too.
  const kept = await openAsMember(page, "/registry", user.name);
  expect(["HIT", "MISS"]).toContain(kept.headers()["x-cache"]);
  await page.getByRole("button", { name: "Sign out" }).filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in", exact: true }).filter({ visible: true })).toBeVisible();
  expect(await hintOf(context)).toBeUndefined();
  await context.close();
});

test("an organisation's page is kept for members too: its representative sees Manage, and anyone may watch it", async ({ browser }) => {
  const suffix = uniqueSuffix();
  const org = { id: `kp${suffix}`, slug: `kept-org-${suffix}`, name: `Kept Org ${suffix}` };
  await sql().query(
    `INSERT INTO "Organisation" (id, slug, name, category, country, aliases, domains, "searchText", "updatedAt") VALUES ($1, $2, $3, 'OTHER', 'AU', '{}', '{}', lower($3), now())`,
    [org.id, org.slug, org.name],
  );
  const representative = await createUser();
  await sql().query(`INSERT INTO "OrganisationRepresentative" (id, "userId", "organisationId", email, status, method, "confirmedAt") VALUES ($1, $2, $3, $4, 'ACTIVE', 'MODERATOR', now())`, [
    `rep${uniqueSuffix()}`,
    representative.id,
    org.id,
    representative.email,
  ]);
  const context = await memberContext(browser, representative);
  const page = await context.newPage();
  await openAsMember(page, `/organisations/${org.slug}`, representative.name);
  await expect.poll(() => hintOf(context)).toBe("member");
  const kept = await openAsMember(page, `/organisations/${org.slug}`, representative.name);
  expect(["HIT", "MISS"]).toContain(kept.headers()["x-cache"]);
  expect(await kept.text()).toContain("Represent it on CallerCheck");
  await expect(page.getByRole("link", { name: `Manage ${org.name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: /Represent it on CallerCheck/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Watch this organisation" }).click();
  await expect(page.getByTestId("watch-organisation-status")).toContainText("You are watching this organisation");
  await openAsMember(page, `/organisations/${org.slug}`, representative.name);
  await expect(page.getByRole("button", { name: "Watching" })).toBeVisible();

  // Another member: no Manage link, the way to represent it instead.
  const other = await createUser();
  const otherContext = await memberContext(browser, other);
  const otherPage = await otherContext.newPage();
  await openAsMember(otherPage, `/organisations/${org.slug}`, other.name);
  await expect(otherPage.getByRole("link", { name: /Represent it on CallerCheck/ })).toBeVisible();
  await expect(otherPage.getByRole("button", { name: "Watch this organisation" })).toBeVisible();
  await otherContext.close();
  await context.close();
});

test("signing in through the form sets the hint at once: a member's or a moderator's first page is the kept copy", async ({ browser }) => {
  const e164 = await reportedNumber(2);
  for (const role of ["USER", "MODERATOR"] as const) {
    const user = await createUser({ role });
    const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
    const page = await context.newPage();
    // No page with the member's parts is opened before the number page: only the sign-in form's answer can set it.
    const asked: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/me")) asked.push(request.url());
    });
    await page.goto("/signin?callbackUrl=/about");
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/about$/);
    await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText(user.name);
    expect(asked).toEqual([]);
    expect(await hintOf(context)).toBe("member");
    const first = await page.goto(`/numbers/${e164}`);
    expect(["HIT", "MISS"]).toContain(first!.headers()["x-cache"]);
    await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText(user.name);
    await expect(page.getByRole("link", { name: "Sign in to watch" })).toHaveCount(0);
    const moderation = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" });
    if (role === "MODERATOR") await expect(moderation).toBeVisible();
    else await expect(moderation).toHaveCount(0);
    await context.close();
  }
});
