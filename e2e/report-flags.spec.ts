import { createUser, expect, ownClientAddress, reportedNumber, signInAs, sql, test, uniqueSuffix } from "./fixtures";

// Members flag reports as they flag comments (issue 7: "Flags (comments, reports) with hide / restore /
// dismiss"): the third member's flag hides a report pending review, and a moderator restores it from the queue.

async function insertReport(e164: string, reporterId: string, body: string): Promise<string> {
  const id = `e2er${uniqueSuffix()}`;
  await sql().query(`INSERT INTO "Report" (id, e164, "reporterId", category, "occurredAt", body) VALUES ($1, $2, $3, 'SCAM', now(), $4)`, [id, e164, reporterId, body]);
  await sql().query(`UPDATE "User" SET "visibleReportCount" = "visibleReportCount" + 1 WHERE id = $1`, [reporterId]);
  return id;
}

test("a member flags a report; the third flag hides it from everyone; a moderator restores it", async ({ browser }) => {
  const e164 = await reportedNumber(2);
  const author = await createUser();
  const story = `Asked for my neighbour's details ${uniqueSuffix()}`;
  const reportId = await insertReport(e164, author.id, story);
  for (let i = 0; i < 2; i++) {
    const flagger = await createUser();
    await sql().query(`INSERT INTO "Flag" (id, "flaggerId", "reportId", reason) VALUES ($1, $2, $3, 'PERSONAL_INFORMATION')`, [`e2ef${uniqueSuffix()}`, flagger.id, reportId]);
  }

  // A visitor reads the report, with no "Flag" under it.
  const visitor = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/numbers/${e164}`);
  const visitorReport = visitorPage.getByTestId("latest-reports").getByRole("listitem").filter({ hasText: story });
  await expect(visitorReport).toBeVisible();
  await expect(visitorReport.getByRole("button", { name: "Flag" })).toHaveCount(0);

  // A member: the first view is rendered for them and sets the member-view hint; the second is the kept copy
  // with their parts filled in, "Flag" among them.
  const third = await createUser();
  const member = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await signInAs(member, third);
  const page = await member.newPage();
  await page.goto(`/numbers/${e164}`);
  await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText(third.name);
  await expect.poll(async () => (await member.cookies()).some((cookie) => cookie.name === "callercheck-view")).toBe(true);
  await page.reload();
  const report = page.getByTestId("latest-reports").getByRole("listitem").filter({ hasText: story });
  await report.getByRole("button", { name: "Flag" }).click();
  await report.getByLabel("Why should moderators look at this report?").selectOption("PERSONAL_INFORMATION");
  await report.getByRole("button", { name: "Flag report" }).click();
  await expect(page.getByText("Thanks. The report is now hidden pending review.")).toBeVisible();

  // Hidden from everyone on their next request (the kept page was dropped).
  await visitorPage.reload();
  await expect(visitorPage.getByTestId("latest-reports").getByText(story)).toHaveCount(0);
  const { rows } = await sql().query(`SELECT "hiddenAt" IS NOT NULL AS hidden FROM "Report" WHERE id = $1`, [reportId]);
  expect(rows).toEqual([{ hidden: true }]);

  // The moderator finds it in the flag queue, with its three flags, and restores it.
  const moderator = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await signInAs(moderator, await createUser({ role: "MODERATOR" }));
  const moderatorPage = await moderator.newPage();
  await moderatorPage.goto("/moderation/flags");
  const item = moderatorPage.getByTestId("flagged-item").filter({ hasText: story });
  await expect(item).toContainText("Report");
  await expect(item).toContainText("Hidden");
  await expect(item.getByText("Personal information")).toHaveCount(3);
  await item.getByLabel("Reason to restore").fill("Checked: nobody private is named");
  await item.getByRole("button", { name: "Restore" }).click();
  await expect(moderatorPage.getByTestId("flagged-item").filter({ hasText: story })).toHaveCount(0);

  await visitorPage.reload();
  await expect(visitorPage.getByTestId("latest-reports").getByText(story)).toBeVisible();
  await Promise.all([visitor.close(), member.close(), moderator.close()]);
});

test("one's own report cannot be flagged: the member is told why", async ({ browser }) => {
  const e164 = await reportedNumber(2);
  const author = await createUser();
  const story = `My own report ${uniqueSuffix()}`;
  await insertReport(e164, author.id, story);
  const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
  await signInAs(context, author);
  const page = await context.newPage();
  await page.goto(`/numbers/${e164}`);
  const report = page.getByTestId("latest-reports").getByRole("listitem").filter({ hasText: story });
  await report.getByRole("button", { name: "Flag" }).click();
  await report.getByRole("button", { name: "Flag report" }).click();
  await expect(report.getByText("You cannot flag your own report.")).toBeVisible();
  const { rows } = await sql().query(`SELECT count(*)::int AS n FROM "Flag" f JOIN "Report" r ON r.id = f."reportId" WHERE r.body = $1`, [story]);
  expect(rows).toEqual([{ n: 0 }]);
  await context.close();
});
