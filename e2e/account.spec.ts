import { readFile } from "node:fs/promises";
import { formatE164 } from "../lib/numbers/phone";
import { createUser, expect, signInAs, sql, test, waitForMail } from "./fixtures";

// The seeded scam number (prisma/seed-demo.ts): it has reports, so the watch list has activity to show.
const SEEDED = { e164: "+61491570157", national: "0491 570 157" };

async function watchFromNumberPage(page: import("@playwright/test").Page) {
  await page.goto(`/numbers/${SEEDED.e164}`);
  await page.getByRole("button", { name: "Watch this number" }).click();
  await expect(page.getByTestId("watch-status")).toContainText("You are watching this number");
  await expect(page.getByRole("button", { name: "Stop watching" })).toBeVisible();
}

test("a member watches a number from its page, sees it with its activity on the account page, and stops watching", async ({ page, member }) => {
  const before = await sql().query(`SELECT "watchCount" FROM "PhoneNumber" WHERE e164 = $1`, [SEEDED.e164]);
  await watchFromNumberPage(page);
  const { rows } = await sql().query(`SELECT n."reportCount", n."watchCount" FROM "PhoneNumber" n JOIN "Watch" w ON w.e164 = n.e164 WHERE w."userId" = $1`, [member.id]);
  expect(rows).toHaveLength(1);
  expect(rows[0].watchCount).toBeGreaterThan(0);
  expect(rows[0].watchCount).toBeGreaterThanOrEqual(before.rows[0].watchCount);

  await page.goto("/account");
  const watches = page.getByRole("region", { name: "My watches" });
  const row = watches.getByTestId("watched-number");
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link", { name: SEEDED.national })).toHaveAttribute("href", `/numbers/${SEEDED.e164}`);
  await expect(row).toContainText(`${Number(rows[0].reportCount).toLocaleString("en-AU")} reports`);
  await expect(row).toContainText("last reported");

  await watches.getByRole("button", { name: `Stop watching ${SEEDED.national}` }).click();
  await expect(watches.getByTestId("no-watches")).toBeVisible();
  const after = await sql().query(`SELECT count(*)::int AS n FROM "Watch" WHERE "userId" = $1`, [member.id]);
  expect(after.rows[0].n).toBe(0);
});

test("a visitor is asked to sign in to watch, and cannot download anyone's data", async ({ page, request }) => {
  await page.goto(`/numbers/${SEEDED.e164}`);
  await expect(page.getByRole("link", { name: "Sign in to watch" })).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent(`/numbers/${SEEDED.e164}`)}`);
  const response = await request.get("/account/export");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
});

test("a member downloads their data as JSON, without their password hash", async ({ page, member }) => {
  await watchFromNumberPage(page);
  await page.goto("/account");
  await expect(page.getByTestId("no-reports")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^callercheck-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await download.path())!, "utf8");
  const data = JSON.parse(text);
  expect(data.profile).toMatchObject({ id: member.id, email: member.email, name: member.name });
  expect(data.watches).toEqual([expect.objectContaining({ e164: SEEDED.e164 })]);
  expect(data).toMatchObject({ reports: [], comments: [], votes: [], flags: [] });
  expect(text).not.toContain("passwordHash");
  expect(text).not.toContain("$argon2");
});

test("a member deletes their account, is signed out, and can no longer sign in", async ({ page, member }) => {
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Delete my account" });
  await section.getByLabel("Type your e-mail address or DELETE to confirm").fill("someone-else@example.com");
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByTestId("confirmation-error")).toContainText("Type your e-mail address exactly");
  await expect(page.getByLabel("Type your e-mail address or DELETE to confirm")).toHaveAttribute("aria-invalid", "true");

  await section.getByLabel("Type your e-mail address or DELETE to confirm").fill(member.email);
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account\/deleted$/);
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" }).filter({ visible: true })).toBeVisible();

  const { rows } = await sql().query(`SELECT name, email, "passwordHash", "deletedAt" FROM "User" WHERE id = $1`, [member.id]);
  expect(rows[0]).toMatchObject({ name: "Deleted member", email: `deleted-${member.id}@callercheck.invalid`, passwordHash: null });
  expect(rows[0].deletedAt).not.toBeNull();

  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("E-mail").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("The e-mail or password is incorrect.");
});

test("the demo member sees their own reports, newest first, with number, category and organisation", async ({ page, context }) => {
  const { rows: users } = await sql().query(`SELECT id, email, name, role FROM "User" WHERE email = 'member@callercheck.test'`);
  await signInAs(context, { ...users[0], password: "" });
  const { rows } = await sql().query(
    `SELECT r.e164, o.name AS organisation FROM "Report" r LEFT JOIN "Organisation" o ON o.id = r."organisationId" WHERE r."reporterId" = $1 ORDER BY r."createdAt" DESC`,
    [users[0].id],
  );
  expect(rows.length).toBeGreaterThan(0);
  await page.goto("/account");
  const list = page.getByRole("region", { name: "My reports" }).getByRole("listitem");
  await expect(list).toHaveCount(Math.min(rows.length, 20));
  const first = list.first();
  await expect(first.getByRole("link", { name: formatE164(rows[0].e164).national })).toHaveAttribute("href", `/numbers/${rows[0].e164}`);
  // The seeded demo member's newest report names the organisation the caller claimed to be.
  expect(rows[0].organisation).toBeTruthy();
  await expect(first).toContainText(`claimed to be ${rows[0].organisation}`);
});

test("a member who has not confirmed their e-mail asks for a new link from the account page", async ({ page, context }) => {
  const user = await createUser({ verified: false });
  await signInAs(context, user);
  await page.goto("/account");
  await page.getByRole("button", { name: "Send a new confirmation link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We have sent you a new confirmation link." })).toBeVisible();
  const mail = await waitForMail(user.email, /^Confirm your CallerCheck e-mail address$/);
  expect(mail.text).toContain("/confirm-email?token=");
});
