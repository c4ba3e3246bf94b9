import { test, expect, createUser, signInAs, sql, uniqueSuffix } from "./fixtures";

/** A valid Australian mobile nobody else uses (0414 range: the seed and other specs use others). */
const freshMobile = () => {
  const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  return { national: `0414 ${digits.slice(0, 3)} ${digits.slice(3)}`, e164: `+61414${digits}` };
};

test("a visitor solves the proof-of-work check, files a report without an account, and is offered one", async ({ page, context }) => {
  // Limits are per address: this test's own, whatever else runs beside it.
  await context.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${Math.floor(Math.random() * 250) + 1}` });
  const number = freshMobile();
  const story = `Said they were from the tax office and wanted gift cards ${uniqueSuffix()}`;
  await page.goto("/report");
  const form = page.getByRole("form", { name: "Report a call" });
  await expect(page.getByTestId("visitor-note")).toContainText("No account needed");

  // Sent with nothing chosen and no check: messages beside the fields, nothing stored.
  await form.getByLabel("Phone number").fill(number.national);
  await form.getByRole("button", { name: "Submit report" }).click();
  await expect(page.getByTestId("category-error")).toHaveText("Choose what kind of call it was.");
  await expect(page.getByTestId("altcha-error")).toContainText("Complete the check");
  // Picking a category takes its stale message away at once, before the next submission.
  await form.getByRole("radio", { name: "Scam", exact: true }).check();
  await expect(page.getByTestId("category-error")).toHaveCount(0);

  await form.getByRole("group", { name: "What did they ask for?" }).getByRole("checkbox", { name: "Gift cards or crypto" }).check();
  await form.getByLabel("What happened?").fill(story);

  // The real widget: the browser fetches a challenge from our server and solves it.
  const check = page.getByTestId("altcha");
  await check.getByText("I'm not a robot", { exact: true }).click();
  await expect(check).toContainText("Verified", { timeout: 60_000 });
  await expect(page.getByTestId("altcha-error")).toHaveCount(0);
  await form.getByRole("button", { name: "Submit report" }).click();

  const success = page.getByTestId("report-success");
  await expect(success).toContainText("Your report is saved");
  const offer = page.getByTestId("account-offer");
  await expect(offer).toContainText("Nothing else is needed");
  await expect(offer.getByRole("link", { name: `Create an account to follow ${number.national}` })).toHaveAttribute(
    "href",
    `/signup?callbackUrl=${encodeURIComponent(`/numbers/${number.e164}`)}`,
  );

  const { rows } = await sql().query(`SELECT id, "reporterId", source, "anonymousKey" FROM "Report" WHERE e164 = $1 AND body = $2`, [number.e164, story]);
  expect(rows).toHaveLength(1);
  // The number's page counts no member, and says who reported it in words that are true.
  const numberPage = await page.context().newPage();
  await numberPage.goto(`/numbers/${number.e164}`);
  await expect(numberPage.getByTestId("verdict")).toContainText("One report from a visitor without an account cannot yet say whether this caller is safe.");
  await expect(numberPage.getByText("Members who reported it")).toBeVisible();
  await expect(numberPage.getByTestId("reporter-count")).toHaveText("0");
  await numberPage.close();
  expect(rows[0]).toMatchObject({ reporterId: null, source: "ANONYMOUS" });
  expect(rows[0].anonymousKey).not.toContain("198.51.100");
  const stat = await sql().query(`SELECT reporters, "anonymousReporters" FROM "NumberCategoryStat" WHERE e164 = $1 AND category = 'SCAM'`, [number.e164]);
  expect(stat.rows).toEqual([{ reporters: 0, anonymousReporters: 1 }]);

  // A moderator sees the report marked anonymous when it is flagged.
  const flagger = await createUser();
  await sql().query(`INSERT INTO "Flag" (id, "flaggerId", "reportId", reason, note) VALUES ($1, $2, $3, 'ABUSE', $4)`, [`f${uniqueSuffix()}${uniqueSuffix()}`, flagger.id, rows[0].id, `flag ${story}`]);
  await signInAs(context, await createUser({ role: "MODERATOR" }));
  await page.goto("/moderation/flags");
  const item = page.getByTestId("flagged-item").filter({ hasText: story });
  await expect(item).toContainText("Anonymous");
  await expect(item).toContainText("a visitor without an account");
});

test("without an account a visitor cannot add an organisation, only choose one", async ({ page }) => {
  await page.goto("/report");
  const form = page.getByRole("form", { name: "Report a call" });
  await form.getByRole("button", { name: "Not in the list? Add someone else" }).click();
  const panel = page.getByTestId("propose-needs-account");
  await expect(panel).toContainText("Adding an organisation needs an account");
  await expect(form.getByLabel("Organisation's name")).toHaveCount(0);
  await panel.getByRole("button", { name: "Choose from the list instead" }).click();
  await expect(form.getByRole("combobox", { name: "Who did they say they were?" })).toBeVisible();
});

test("the check's script loads only when it is wanted: once the visitor starts on the form, or nears the check", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const hydrated = () => page.evaluate(() => Object.keys(document.querySelector("form")!).some((key) => key.startsWith("__react")));
  const widgetDefined = () => page.evaluate(() => customElements.get("altcha-widget") !== undefined);
  const check = page.getByTestId("altcha");

  // Loaded and hydrated, the check far below on a phone: its script has not been fetched.
  await page.goto("/report");
  await expect.poll(hydrated).toBe(true);
  await page.waitForLoadState("networkidle");
  expect(await widgetDefined()).toBe(false);
  await expect(page.getByText("Loading the check…")).toBeAttached();

  // Starting on the form (a focus) loads it; the widget is there by the time the visitor gets to it, in the
  // space kept for it (the submit button below does not move).
  const submitTop = () => page.getByRole("button", { name: "Submit report" }).evaluate((button) => button.getBoundingClientRect().top + window.scrollY);
  const topBefore = await submitTop();
  await page.getByRole("form", { name: "Report a call" }).getByLabel("Phone number").focus();
  await expect.poll(widgetDefined).toBe(true);
  await expect(check.getByText("I'm not a robot", { exact: true })).toBeVisible();
  await expect(page.getByText("Loading the check…")).toHaveCount(0);
  expect(Math.abs((await submitTop()) - topBefore)).toBeLessThanOrEqual(1);

  // Scrolling down to it, without touching the form, loads it too.
  await page.goto("/report");
  await expect.poll(hydrated).toBe(true);
  expect(await widgetDefined()).toBe(false);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(widgetDefined).toBe(true);
  await expect(check.getByText("I'm not a robot", { exact: true })).toBeVisible();
});

test("without JavaScript the check says it needs it, and how to report instead", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/report");
  const check = page.getByRole("group", { name: "A quick check instead of an account" });
  // What is drawn (innerText): Playwright's own text matching leaves <noscript> out.
  const drawn = () => check.evaluate((element) => (element as HTMLElement).innerText);
  expect(await drawn()).toContain("It cannot load: it needs JavaScript, which is off in this browser. Turn it on, or sign in to report instead.");
  // With JavaScript on, the same page does not say so.
  const withScripts = await browser.newContext();
  const scripted = await withScripts.newPage();
  await scripted.goto("/report");
  const scriptedCheck = scripted.getByRole("group", { name: "A quick check instead of an account" });
  await expect(scriptedCheck).toContainText("Loading the check…");
  expect(await scriptedCheck.evaluate((element) => (element as HTMLElement).innerText)).not.toContain("needs JavaScript");
  await withScripts.close();
  await context.close();
});
