import type { Page } from "@playwright/test";
import { test, expect, createUser, sql, uniqueSuffix } from "./fixtures";

/** A valid Australian mobile nobody else uses (the seed and other specs use other ranges). */
const freshMobile = () => {
  const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  return `0413 ${digits.slice(0, 3)} ${digits.slice(3)}`;
};
const suggestions = (page: Page) => page.getByRole("listbox", { name: "Organisations" }).getByRole("option");
const reportForm = (page: Page) => page.getByRole("form", { name: "Report a call" });

test("a member reports 0412 345 678 as Harbour Health Insurance; the organisation lists it as claimed, not verified", async ({ page, member }) => {
  const story = `Renewal call asking for my security answers ${uniqueSuffix()}`;
  await page.goto("/report");
  const form = reportForm(page);
  await form.getByLabel("Phone number").fill("0412 345 678");
  await expect(form.getByLabel("When did they call?")).not.toHaveValue(""); // defaults to now
  await form.getByLabel("How did they contact you?").selectOption({ label: "Phone call" });
  const kinds = form.getByRole("group", { name: "What kind of call was it?" });
  await expect(kinds.getByRole("radio", { name: "Legitimate but unsafe practice", exact: true })).toHaveAccessibleDescription(/asking for security answers/);
  await kinds.getByRole("radio", { name: "Legitimate but unsafe practice", exact: true }).check();

  // The type-ahead, by keyboard: a typo still finds the insurer first.
  const combobox = form.getByRole("combobox", { name: "Who did they say they were?" });
  await combobox.fill("harbour helth");
  await expect(combobox).toHaveAttribute("aria-expanded", "true");
  await expect(suggestions(page).first()).toContainText("Harbour Health Insurance");
  await combobox.press("ArrowDown");
  await expect(combobox).toHaveAttribute("aria-activedescendant", /option-0$/);
  await combobox.press("Enter");
  await expect(combobox).toHaveValue("Harbour Health Insurance");
  await expect(combobox).toHaveAttribute("aria-expanded", "false");

  await form.getByRole("group", { name: "What did they ask for?" }).getByRole("checkbox", { name: "Security answers" }).check();
  await form.getByLabel("What happened?").fill(story);
  await form.getByRole("button", { name: "Submit report" }).click();

  const success = page.getByTestId("report-success");
  await expect(success).toContainText("Your report is saved");
  await expect(success.getByRole("link", { name: "See 0412 345 678" })).toHaveAttribute("href", "/numbers/+61412345678");
  const { rows } = await sql().query(
    `SELECT r.e164, r.category, r."askedFor"::text[] AS "askedFor", o.slug, c.status FROM "Report" r
       JOIN "Organisation" o ON o.id = r."organisationId" JOIN "Claim" c ON c.id = r."claimId" WHERE r."reporterId" = $1 AND r.body = $2`,
    [member.id, story],
  );
  expect(rows).toEqual([{ e164: "+61412345678", category: "LEGITIMATE_UNSAFE", askedFor: ["SECURITY_ANSWERS"], slug: "harbour-health-insurance", status: "UNVERIFIED" }]);

  // The number page shows the report and the claim, each linking to the organisation.
  await success.getByRole("link", { name: "See 0412 345 678" }).click();
  const newest = page.getByTestId("latest-reports").getByRole("listitem").first();
  await expect(newest).toContainText("Legitimate but unsafe practice");
  await expect(newest).toContainText("Claimed to be Harbour Health Insurance");
  await expect(newest).toContainText("Security answers");
  const claim = page.getByTestId("claimed-organisations").getByRole("listitem").filter({ hasText: "Harbour Health Insurance" });
  await expect(claim).toContainText("Not in the registry");
  await claim.getByRole("link", { name: "Harbour Health Insurance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Harbour Health Insurance" })).toBeVisible();
  const claimed = page.getByRole("list", { name: "Numbers claimed to be Harbour Health Insurance" });
  const entry = claimed.getByRole("listitem").filter({ hasText: "0412 345 678" });
  await expect(entry).toContainText("Claimed, not verified");
  await expect(entry).toContainText("Not one of Harbour Health Insurance's verified numbers");
  await expect(entry.getByRole("link", { name: "0412 345 678" })).toHaveAttribute("href", "/numbers/+61412345678");
  const verified = page.getByRole("list", { name: "Verified numbers of Harbour Health Insurance" });
  await expect(verified).toContainText("7010 1234");
  await expect(verified).not.toContainText("0412 345 678");
  // Its reputation counts the rotating mobiles' reports together.
  await expect(page.getByText(/\d+ reports naming Harbour Health Insurance, across \d+ numbers?/)).toBeVisible();
});

test("a member proposes a new organisation from the form; it shows as proposed", async ({ page, member }) => {
  void member;
  const name = `Zephyr Parcel Returns ${uniqueSuffix()}`;
  const number = freshMobile();
  await page.goto("/report");
  const form = reportForm(page);
  await form.getByLabel("Phone number").fill(number);
  await form.getByRole("group", { name: "What kind of call was it?" }).getByRole("radio", { name: "Scam", exact: true }).check();
  const combobox = form.getByRole("combobox", { name: "Who did they say they were?" });
  await combobox.fill(name);
  await suggestions(page).filter({ hasText: "Someone else" }).click();
  await expect(form.getByLabel("Organisation's name")).toHaveValue(name);
  await form.getByLabel("Website (optional)").fill("zephyr-parcels.example");
  await form.getByRole("group", { name: "What did they ask for?" }).getByRole("checkbox", { name: "Card or payment" }).check();
  await form.getByRole("button", { name: "Submit report" }).click();

  const success = page.getByTestId("report-success");
  await expect(success).toContainText(`${name} is listed as a proposed organisation`);
  await success.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("proposed-badge")).toHaveText("Proposed");
  await expect(page.getByRole("link", { name: "zephyr-parcels.example" })).toHaveAttribute("rel", "nofollow noopener noreferrer ugc");
  await expect(page.getByRole("list", { name: `Numbers claimed to be ${name}` })).toContainText(number);
  // Its page offers a report form with the organisation already chosen.
  await page.getByRole("link", { name: `Report a call from ${name}` }).click();
  await expect(reportForm(page).getByRole("combobox", { name: "Who did they say they were?" })).toHaveValue(name);

  // It is offered at once in the type-ahead, marked proposed, and listed in the directory.
  await page.goto("/report");
  await reportForm(page).getByRole("combobox", { name: "Who did they say they were?" }).fill(name.toLowerCase());
  await expect(suggestions(page).first()).toContainText(name);
  await expect(suggestions(page).first()).toContainText("proposed");
  await page.goto(`/organisations?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("list", { name: "Organisations" }).getByRole("listitem").first()).toContainText(`${name}proposed`);
});

test("a visitor who chooses to sign in comes back with the form kept", async ({ page }) => {
  const user = await createUser();
  const number = freshMobile();
  const story = `Silent call then a text ${uniqueSuffix()}`;
  await page.goto(`/report?number=${encodeURIComponent(number)}`);
  const form = reportForm(page);
  await expect(form.getByLabel("Phone number")).toHaveValue(number); // prefilled from ?number=
  await form.getByRole("group", { name: "What kind of call was it?" }).getByRole("radio", { name: "Silent or missed call", exact: true }).check();
  await form.getByRole("group", { name: "What did they ask for?" }).getByRole("checkbox", { name: "Nothing" }).check();
  await form.getByLabel("What happened?").fill(story);
  await page.getByTestId("visitor-note").getByRole("button", { name: "sign in instead" }).click();

  await expect(page).toHaveURL(/\/signin\?/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/report");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/report$/);
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  const back = reportForm(page);
  await expect(back.getByLabel("Phone number")).toHaveValue(number);
  await expect(back.getByLabel("What happened?")).toHaveValue(story);
  await expect(back.getByRole("radio", { name: "Silent or missed call", exact: true })).toBeChecked();
  await expect(back.getByRole("checkbox", { name: "Nothing" })).toBeChecked();
  await back.getByRole("button", { name: "Submit report" }).click();
  await expect(page.getByTestId("report-success")).toContainText("Your report is saved");
  const { rows } = await sql().query(`SELECT category FROM "Report" WHERE "reporterId" = $1 AND body = $2`, [user.id, story]);
  expect(rows).toEqual([{ category: "SILENT" }]);
});

test("invalid fields come back beside the fields with everything kept, and nothing is stored", async ({ page, member }) => {
  const story = `Ref ${uniqueSuffix()}: they read my card 4111 1111 1111 1111 back to me.`;
  await page.goto("/report");
  const form = reportForm(page);
  await form.getByLabel("Phone number").fill("12");
  await form.getByLabel("When did they call?").fill("2099-01-01T10:00");
  await form.getByRole("radio", { name: "Scam", exact: true }).check();
  await form.getByLabel("What happened?").fill(story);
  await form.getByRole("button", { name: "Submit report" }).click();

  await expect(page.getByTestId("number-error")).toContainText("too short");
  await expect(page.getByTestId("occurredAt-error")).toContainText("in the future");
  await expect(form.getByLabel("Phone number")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Phone number")).toHaveValue("12");
  await expect(form.getByLabel("What happened?")).toHaveValue(story);
  await expect(form.getByRole("radio", { name: "Scam", exact: true })).toBeChecked();
  const { rows } = await sql().query(`SELECT count(*)::int AS n FROM "Report" WHERE "reporterId" = $1`, [member.id]);
  expect(rows[0].n).toBe(0);

  // Fixed, it goes through, and the card number is masked before it is stored.
  const number = freshMobile();
  await form.getByLabel("Phone number").fill(number);
  await form.getByLabel("When did they call?").fill("2024-03-05T09:30");
  await form.getByRole("button", { name: "Submit report" }).click();
  await expect(page.getByTestId("masked-notice")).toBeVisible();
  const stored = await sql().query(`SELECT body, "bodyMasked" FROM "Report" WHERE "reporterId" = $1`, [member.id]);
  expect(stored.rows).toHaveLength(1);
  expect(stored.rows[0].body).not.toContain("4111 1111 1111 1111");
  expect(stored.rows[0].bodyMasked).toBe(true);
});
