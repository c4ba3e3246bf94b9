import type { Browser, Page } from "@playwright/test";
import { test, expect, createUser, signInAs, sql, uniqueSuffix, latestMail } from "./fixtures";

// Issue 14: organisations speak for themselves. Each test creates its own organisation.

const freshMobile = () => {
  const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  return `0413 ${digits.slice(0, 3)} ${digits.slice(3)}`;
};
const e164Of = (national: string) => `+61${national.replace(/\s/g, "").slice(1)}`;

async function createOrganisation(options: { category?: string } = {}) {
  const suffix = uniqueSuffix();
  const org = { id: `e2eorg${suffix}`, slug: `e2e-org-${suffix}`, name: `Tern Mutual ${suffix}`, domain: `tern-${suffix}.example` };
  await sql().query(
    `INSERT INTO "Organisation" (id, slug, name, category, country, aliases, domains, "officialPhone", "searchText", "updatedAt")
     VALUES ($1, $2, $3, $4::"OrgCategory", 'AU', '{}', ARRAY[$5], '+611800160401', $6, now())`,
    [org.id, org.slug, org.name, options.category ?? "OTHER", org.domain, `${org.name.toLowerCase()} ${org.domain}`],
  );
  return org;
}

async function representativeOf(organisationId: string) {
  const user = await createUser();
  await sql().query(
    `INSERT INTO "OrganisationRepresentative" (id, "userId", "organisationId", email, status, method, "confirmedAt") VALUES ($1, $2, $3, $4, 'ACTIVE', 'MODERATOR', now())`,
    [`rep${uniqueSuffix()}`, user.id, organisationId, user.email],
  );
  return user;
}

async function signedInPage(browser: Browser, user: Awaited<ReturnType<typeof createUser>>): Promise<Page> {
  const context = await browser.newContext();
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `e2e-client-${uniqueSuffix()}` });
  await signInAs(context, user);
  return context.newPage();
}

async function savePolicy(page: Page, answers: Record<string, "yes" | "no">, url: string) {
  const form = page.getByTestId("policy-form");
  for (const [label, value] of Object.entries(answers)) await form.getByLabel(label).selectOption(value);
  await form.getByLabel("Where the policy is published on your own site").fill(url);
  await form.getByRole("button", { name: "Save policy" }).click();
  await expect(form.getByTestId("form-done")).toContainText("Policy saved");
}

const SAFE_POLICY = {
  "Do you call only from the numbers you publish?": "yes",
  "Does a voicemail you leave name a published number to call back?": "yes",
  "On a call you started, will you ever ask for a password or PIN?": "no",
  "On a call you started, will you ever ask for the answers to security questions?": "no",
  "On a call you started, will you ever ask for a one-time code?": "no",
  "On a call you started, will you ever ask for card details?": "no",
  "Can a customer hang up and call you back on your official number?": "yes",
} as const;

test("a member becomes a representative through a domain e-mail, publishes two numbers and a policy, and is alerted about an impersonator", async ({ page, member, browser }) => {
  const org = await createOrganisation();
  const work = `calls-${uniqueSuffix()}@${org.domain}`;

  await page.goto(`/organisations/${org.slug}`);
  await page.getByRole("link", { name: `Do you work for ${org.name}? Represent it on CallerCheck` }).click();
  const request = page.getByTestId("represent-form");
  await request.getByLabel("Work e-mail address").fill(`someone-${uniqueSuffix()}@gmail.example`);
  await request.getByRole("button", { name: "Ask to represent" }).click();
  await expect(request.getByTestId("form-error")).toContainText(`Use an address at ${org.name}'s own domain`);
  await request.getByLabel("Work e-mail address").fill(work);
  await request.getByRole("button", { name: "Ask to represent" }).click();
  await expect(request.getByTestId("form-done")).toContainText("We have sent a confirmation link");

  const mail = await latestMail(work);
  expect(mail?.subject).toBe(`Confirm you represent ${org.name} on CallerCheck`);
  const link = new URL(/https?:\/\/\S+/.exec(mail!.text)![0]);
  await page.goto(`${link.pathname}${link.search}`);
  await expect(page.getByTestId("confirm-result")).toHaveText(`You now represent ${org.name} on CallerCheck.`);
  await page.getByRole("link", { name: `Manage ${org.name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Manage ${org.name}` })).toBeVisible();

  // Publish: one bad line refuses the list and names the line; then two good numbers.
  const [first, second] = [freshMobile(), freshMobile()];
  const publish = page.getByTestId("publish-form");
  await publish.getByLabel("Outbound numbers").fill(`${first}\nnot a number`);
  await publish.getByRole("button", { name: "Publish numbers" }).click();
  await expect(publish.getByTestId("form-error")).toContainText('Line 2 ("not a number")');
  // What was pasted is still there to correct.
  await expect(publish.getByLabel("Outbound numbers")).toHaveValue(`${first}\nnot a number`);
  expect((await sql().query(`SELECT count(*)::int AS n FROM "Claim" WHERE "organisationId" = $1`, [org.id])).rows[0].n).toBe(0);
  await publish.getByLabel("Outbound numbers").fill(`${first}\n${second}`);
  await publish.getByLabel("Label (optional)").fill("claims team");
  await publish.getByRole("button", { name: "Publish numbers" }).click();
  await expect(publish.getByTestId("form-done")).toContainText(`Published ${first}, ${second}.`);

  await savePolicy(page, SAFE_POLICY, `https://${org.domain}/calling`);

  // The number page: published by the organisation, with its policy in one line.
  await page.goto(`/numbers/${e164Of(first)}`);
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "VERIFIED");
  await expect(page.getByTestId("published-by")).toContainText(`published by ${org.name} (claims team)`);
  await expect(page.getByTestId("verdict-policy")).toContainText(
    `${org.name} says it never asks for passwords or PINs, security answers, one-time codes or card details on calls it makes and calls only from the numbers it publishes.`,
  );

  // Another member reports a call claiming the organisation from a number it has not published.
  const impostor = freshMobile();
  const reporter = await signedInPage(browser, await createUser());
  await reporter.goto(`/report?organisation=${org.slug}`);
  const form = reporter.getByRole("form", { name: "Report a call" });
  await form.getByLabel("Phone number").fill(impostor);
  await form.getByRole("group", { name: "What kind of call was it?" }).getByRole("radio", { name: "Impersonation", exact: true }).check();
  await form.getByRole("button", { name: "Submit report" }).click();
  await expect(reporter.getByTestId("report-success")).toContainText("Your report is saved");

  await expect.poll(async () => (await latestMail(work))?.subject).toBe(`CallerCheck: unpublished numbers claiming to be ${org.name}`);
  expect((await latestMail(work))!.text).toContain(`/numbers/${encodeURIComponent(e164Of(impostor))}`);
  await page.goto(`/organisations/${org.slug}/manage`);
  await expect(page.getByTestId("unpublished-numbers")).toContainText(impostor);
});

test("a recorded call's reference verifies once, fails the second time, and fails after expiry", async ({ browser, page }) => {
  const org = await createOrganisation();
  const rep = await signedInPage(browser, await representativeOf(org.id));
  const record = async () => {
    await rep.goto(`/organisations/${org.slug}/manage`);
    const form = rep.getByTestId("record-call-form");
    await form.getByLabel("Number you are calling from").fill("02 7010 4321");
    await form.getByRole("button", { name: "Record a call" }).click();
    const done = form.getByTestId("form-done");
    await expect(done).toContainText("Reference");
    return /Reference ([A-Z2-9]{6})/.exec((await done.textContent()) ?? "")![1];
  };
  const check = async (reference: string) => {
    await page.goto(`/organisations/${org.slug}`);
    const box = page.getByRole("region", { name: `Did ${org.name} just call you?` });
    await box.getByLabel("Reference").fill(reference);
    await box.getByRole("button", { name: "Check" }).click();
    return box.getByTestId("call-check-result");
  };

  const reference = await record();
  await expect(await check(reference.toLowerCase())).toContainText(`Yes: ${org.name} recorded a call to you from (02) 7010 4321`);
  await expect(await check(reference)).toContainText(`No: ${org.name} has no call with that reference`);

  // The same box is on the page of a number the organisation published (issue 14: "on the organisation page (or
  // the number page)"): a customer who looked the caller's number up checks the reference there.
  await rep.goto(`/organisations/${org.slug}/manage`);
  const publish = rep.getByTestId("publish-form");
  await publish.getByLabel("Outbound numbers").fill("02 7010 4321");
  await publish.getByRole("button", { name: "Publish numbers" }).click();
  await expect(publish.getByTestId("form-done")).toContainText("Published (02) 7010 4321.");
  const fromNumberPage = await record();
  await page.goto("/numbers/+61270104321");
  const box = page.getByRole("region", { name: `Did ${org.name} just call you?` });
  await box.getByLabel("Reference").fill(fromNumberPage);
  await box.getByRole("button", { name: "Check" }).click();
  await expect(box.getByTestId("call-check-result")).toContainText(`Yes: ${org.name} recorded a call to you from (02) 7010 4321`);

  const later = await record();
  await sql().query(`UPDATE "RecordedCall" SET "expiresAt" = now() - interval '1 minute' WHERE "organisationId" = $1 AND "usedAt" IS NULL`, [org.id]);
  await expect(await check(later)).toContainText(`No: ${org.name} has no call with that reference`);
});

test("the safe-calling scorecard ranks the demo insurer below an insurer with a safe policy", async ({ page, moderator }) => {
  expect(moderator.role).toBe("MODERATOR");
  const org = await createOrganisation({ category: "INSURER" });
  // Moderators may edit any organisation's policy.
  await page.goto(`/organisations/${org.slug}/manage`);
  await savePolicy(page, SAFE_POLICY, `https://${org.domain}/calling`);

  await page.goto(`/organisations/${org.slug}`);
  await expect(page.getByTestId("grade")).toHaveText("A");
  await expect(page.getByTestId("scorecard")).toContainText("Calls only from the numbers it publishes.");

  await page.goto("/safe-calling");
  await page.getByLabel("Category").selectOption("INSURER");
  await page.getByLabel("Country").selectOption("AU");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/category=INSURER/);
  const ranked = page.getByTestId("ranked-organisation");
  await expect(ranked.filter({ hasText: org.name })).toBeVisible();
  const slugs = await ranked.evaluateAll((items) => items.map((item) => item.getAttribute("data-slug")));
  expect(slugs).toContain("harbour-health-insurance");
  expect(slugs.indexOf(org.slug)).toBeLessThan(slugs.indexOf("harbour-health-insurance"));
});

test("the console is refused to members and to another organisation's representative", async ({ browser }) => {
  const org = await createOrganisation();
  const other = await createOrganisation();
  for (const user of [await createUser(), await representativeOf(other.id)]) {
    const page = await signedInPage(browser, user);
    const response = await page.goto(`/organisations/${org.slug}/manage`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: `Manage ${org.name}` })).toHaveCount(0);
  }
});
