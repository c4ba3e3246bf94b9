import { createUser, expect, ownClientAddress, signInAs, sql, test, uniqueSuffix } from "./fixtures";

const DAY = 86_400_000;

/** A unique valid AU mobile (0412 xxx xxx) that no other test uses. */
const freshMobile = () => `+61412${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;

/** An active organisation with an official callback number, and an UNVERIFIED claim on a new number
 * with ten aged "legitimate" votes from basic (TL1) members: enough to pass isPromotable. */
async function seedCandidate() {
  const suffix = uniqueSuffix();
  const org = { id: `e2eorg${suffix}`, name: `Tidewater Credit Union ${suffix}`, slug: `tidewater-credit-union-${suffix}` };
  await sql().query(
    `INSERT INTO "Organisation" (id, slug, name, category, country, "officialPhone", status, "searchText", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'BANK', 'AU', '+611300975707', 'ACTIVE', lower($3), now(), now())`,
    [org.id, org.slug, org.name],
  );
  const e164 = freshMobile();
  await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "createdAt", "updatedAt") VALUES ($1, 'AU', 'MOBILE', now(), now()) ON CONFLICT DO NOTHING`, [e164]);
  const claimId = `e2eclaim${suffix}`;
  await sql().query(
    `INSERT INTO "Claim" (id, e164, "organisationId", "organisationKey", status, source, "legitVotes", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $3, 'UNVERIFIED', 'REPORT', 10, now() - interval '5 days', now())`,
    [claimId, e164, org.id],
  );
  const castAt = new Date(Date.now() - 3 * DAY);
  for (let i = 0; i < 10; i += 1) {
    const voter = await createUser({ ageDays: 60 });
    await sql().query(`INSERT INTO "Vote" (id, "claimId", "userId", legitimate, "createdAt", "updatedAt") VALUES ($1, $2, $3, true, $4, $4)`, [`e2evote${suffix}${i}`, claimId, voter.id, castAt]);
  }
  return { org, e164, claimId };
}

async function auditEntries(targetId: string) {
  const { rows } = await sql().query(`SELECT "actorId", action, reason FROM "AuditEntry" WHERE "targetId" = $1 ORDER BY "createdAt"`, [targetId]);
  return rows as { actorId: string; action: string; reason: string | null }[];
}

test.describe("who may open /moderation", () => {
  // forbidden() answers 403 only when the page is not streamed behind a Suspense boundary: a root
  // app/loading.tsx wraps every page in one and turns this (and every 404) into a 200.
  test("a visitor, a member and a suspended moderator get 403 on every moderation page", async ({ browser }) => {
    const member = await createUser();
    const suspendedModerator = await createUser({ role: "MODERATOR", suspended: true });
    for (const user of [null, member, suspendedModerator]) {
      const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
      if (user) await signInAs(context, user);
      const page = await context.newPage();
      for (const path of ["/moderation", "/moderation/candidates", "/moderation/registry", "/moderation/audit", "/moderation/members"]) {
        const response = await page.goto(path);
        expect(response?.status(), `${path} as ${user?.role ?? "visitor"}`).toBe(403);
        await expect(page.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();
      }
      await context.close();
    }
  });

  test("the demo moderator signs in through the form and sees the queues", async ({ page }) => {
    await page.goto("/signin?callbackUrl=/moderation");
    await page.getByLabel("E-mail").fill("moderator@callercheck.test");
    await page.getByLabel("Password").fill("moderator-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/moderation$/);
    await expect(page.getByRole("heading", { name: "Moderation", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Promotion candidates" })).toBeVisible();
    await expect(page.getByTestId("queue-removals").getByTestId("queue-count")).not.toHaveText("");
  });
});

test("promote a candidate with evidence, see it verified everywhere, then revoke it", async ({ page, moderator, request }) => {
  const { org, e164, claimId } = await seedCandidate();

  await page.goto("/moderation");
  await page.getByRole("link", { name: "Promotion candidates" }).click();
  const candidate = page.locator(`[data-testid="candidate"][data-e164="${e164}"]`);
  await expect(candidate).toBeVisible();
  await expect(candidate).toContainText(org.name);
  await expect(candidate.getByRole("row", { name: /Basic member/ })).toContainText("10");
  await candidate.getByRole("link", { name: "Promote" }).click();

  await page.getByLabel("Method").selectOption({ label: "Listed on the organisation's official website" });
  await page.getByLabel("Source URL").fill(`https://${org.slug}.example/contact`);
  await expect(page.getByLabel("Review date")).toHaveValue(new Date(Date.now() + 365 * DAY).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Promote to the registry" }).click();
  await expect(page.getByTestId("action-done")).toContainText("into the registry");

  const promoted = await auditEntries(claimId);
  expect(promoted).toHaveLength(1);
  expect(promoted[0]).toMatchObject({ actorId: moderator.id, action: "registry.promote" });
  expect(promoted[0].reason).toBeTruthy();

  await page.goto(`/registry?q=${encodeURIComponent(org.name)}`);
  const entry = page.locator(`[data-testid="registry-entry"][data-e164="${e164}"]`);
  await expect(entry).toContainText(org.name);
  await expect(entry).toContainText("Listed on the organisation's official website");
  await expect(entry).toContainText(moderator.name);

  const lookup = await request.get(`/api/v1/numbers/${encodeURIComponent(e164)}`);
  expect(lookup.status()).toBe(200);
  const body = await lookup.json();
  expect(body.registry.status).toBe("VERIFIED");
  expect(body.registry.organisation.name).toBe(org.name);
  expect(body.registry.evidence).toMatchObject({ method: "OFFICIAL_WEBSITE", source: `https://${org.slug}.example/contact` });

  await page.goto(`/numbers/${encodeURIComponent(e164)}`);
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "VERIFIED");
  await expect(page.getByTestId("verdict")).toContainText(org.name);

  const beforeRevoke = new Date(Date.now() - 2000).toISOString();
  await page.goto(`/moderation/registry?q=${encodeURIComponent(org.name)}`);
  const row = page.locator(`[data-testid="registry-entry"][data-e164="${e164}"]`);
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByLabel("Reason").fill("The credit union stopped using this number");
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(page.getByTestId("action-done")).toContainText("no longer in the registry");

  await page.goto(`/registry?q=${encodeURIComponent(org.name)}`);
  await expect(page.locator(`[data-testid="registry-entry"][data-e164="${e164}"]`)).toHaveCount(0);
  await expect(page.getByText("No verified number matches")).toBeVisible();

  const feed = await request.get(`/api/v1/registry?since=${encodeURIComponent(beforeRevoke)}`);
  expect(feed.status()).toBe(200);
  const feedBody = await feed.json();
  const revoked = feedBody.entries.find((e: { id: string }) => e.id === claimId);
  expect(revoked).toMatchObject({ e164, status: "REVOKED", statusReason: "The credit union stopped using this number" });
  const again = await request.get(`/api/v1/registry?since=${encodeURIComponent(beforeRevoke)}`, { headers: { "If-None-Match": feed.headers().etag } });
  expect(again.status()).toBe(304);

  const audit = await auditEntries(claimId);
  expect(audit.map((a) => a.action)).toEqual(["registry.promote", "registry.revoke"]);
  expect(audit[1]).toMatchObject({ actorId: moderator.id, reason: "The credit union stopped using this number" });
});

test("the registry feed refuses a bad since with the JSON error shape", async ({ request }) => {
  const response = await request.get("/api/v1/registry?since=yesterday");
  expect(response.status()).toBe(400);
  expect(await response.json()).toMatchObject({ error: { code: "INVALID", message: expect.stringContaining("since") } });
});

test("the registry CSV lists the seeded entry", async ({ request }) => {
  const response = await request.get("/registry.csv");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const text = await response.text();
  expect(text.split("\r\n")[0]).toBe("number,organisation,organisation_slug,category,country,evidence_method,evidence_source,verified_by,verified_at,review_at");
  expect(text).toMatch(/^\+61270101234,Harbour Health Insurance,harbour-health-insurance,INSURER,AU,OFFICIAL_WEBSITE,/m);
});

test("a number claiming a registry organisation but not on its list warns with the official number", async ({ page, request }) => {
  await page.goto("/numbers/%2B61491570159");
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "IMPERSONATION");
  await expect(verdict).toContainText("Harbour Health Insurance");
  await expect(verdict).toContainText("1800 160 401");
  const body = await (await request.get("/api/v1/numbers/%2B61491570159")).json();
  expect(body.impersonation.organisation).toMatchObject({ name: "Harbour Health Insurance", officialPhone: "+611800160401" });
});

test("an owner asks for removal without an account; a moderator approves it and the texts are hidden", async ({ page, browser }) => {
  const e164 = freshMobile();
  await page.goto(`/numbers/${encodeURIComponent(e164)}/removal`);
  await page.getByLabel("Your name").fill("Robin Owner");
  await page.getByLabel("E-mail").fill(`robin-${uniqueSuffix()}@example.com`);
  await page.getByLabel("Reason").fill("This is my personal mobile; the reports are about someone else.");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("removal-sent")).toBeVisible();
  const { rows } = await sql().query(`SELECT id FROM "RemovalRequest" WHERE e164 = $1 AND status = 'PENDING'`, [e164]);
  expect(rows).toHaveLength(1);

  const moderator = await createUser({ role: "MODERATOR" });
  const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await signInAs(context, moderator);
  const mod = await context.newPage();
  await mod.goto("/moderation/removals");
  const item = mod.locator(`[data-testid="removal-request"][data-e164="${e164}"]`);
  await item.getByLabel("Reason to approve").fill("Owner's explanation checks out");
  await item.getByRole("button", { name: "Approve and hide texts" }).click();
  await expect(mod.getByTestId("action-done")).toContainText("now hidden");
  await context.close();

  const number = await sql().query(`SELECT "contentHiddenAt" FROM "PhoneNumber" WHERE e164 = $1`, [e164]);
  expect(number.rows[0].contentHiddenAt).toBeInstanceOf(Date);
  const audit = await auditEntries(rows[0].id);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorId: moderator.id, action: "removal.approve", reason: "Owner's explanation checks out" });
});

test("a moderator suspends a member with a reason; only an admin can change roles", async ({ page, moderator, browser }) => {
  const target = await createUser();
  await page.goto(`/moderation/members?q=${encodeURIComponent(target.email)}`);
  const row = page.locator(`[data-testid="member"][data-email="${target.email}"]`);
  await expect(row.getByText("Change role…")).toHaveCount(0);
  await row.getByText("Suspend…").click();
  await row.getByLabel("Reason").fill("Posting phone numbers of neighbours");
  await row.getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(page.getByTestId("action-done")).toHaveText("Suspended.");
  const { rows } = await sql().query(`SELECT "suspendedAt", "suspendedReason" FROM "User" WHERE id = $1`, [target.id]);
  expect(rows[0]).toMatchObject({ suspendedReason: "Posting phone numbers of neighbours" });
  expect(await auditEntries(target.id)).toEqual([{ actorId: moderator.id, action: "member.suspend", reason: "Posting phone numbers of neighbours" }]);

  const admin = await createUser({ role: "ADMIN" });
  const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await signInAs(context, admin);
  const adminPage = await context.newPage();
  await adminPage.goto(`/moderation/members?q=${encodeURIComponent(target.email)}`);
  const adminRow = adminPage.locator(`[data-testid="member"][data-email="${target.email}"]`);
  await adminRow.getByText("Change role…").click();
  await adminRow.getByLabel("Role").selectOption("MODERATOR");
  await adminRow.locator(`#role-reason-${target.id}`).fill("Trusted, long-standing member");
  await adminRow.getByRole("button", { name: "Change role" }).click();
  await expect(adminPage.getByTestId("action-done")).toHaveText("Role changed.");
  await context.close();
  const audit = await auditEntries(target.id);
  expect(audit.map((a) => [a.action, a.actorId])).toEqual([["member.suspend", moderator.id], ["member.role", admin.id]]);
});
