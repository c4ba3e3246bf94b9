import { test, expect, createUser, reportedNumber, signInAs, sql, type TestUser } from "./fixtures";

const numberUrl = (e164: string) => `/numbers/${encodeURIComponent(e164)}`;

async function insertComment(e164: string, author: TestUser, body: string): Promise<string> {
  const id = `e2ec${Math.random().toString(36).slice(2, 12)}`;
  await sql().query(`INSERT INTO "Comment" (id, e164, "authorId", body) VALUES ($1, $2, $3, $4)`, [id, e164, author.id, body]);
  await sql().query(`UPDATE "PhoneNumber" SET "commentCount" = "commentCount" + 1 WHERE e164 = $1`, [e164]);
  return id;
}

test("post, reply, edit within the window, and delete", async ({ page, member }) => {
  const e164 = await reportedNumber(2);
  await page.goto(numberUrl(e164));
  const section = page.getByRole("region", { name: "Experiences" });

  await section.getByLabel("Comment", { exact: true }).fill("They knew my name and policy number.\nThen asked for my date of birth.");
  await section.getByRole("button", { name: "Post comment" }).click();
  const comment = section.getByRole("article", { name: `Comment by ${member.name}` }).first();
  await expect(comment.getByTestId("comment-body")).toHaveText("They knew my name and policy number.\nThen asked for my date of birth.");
  await expect(comment.locator("time")).toHaveAttribute("title", /\d{4}/);
  await expect(section.getByLabel("Comment", { exact: true })).toHaveValue("");

  await comment.getByRole("button", { name: "Reply" }).click();
  await section.getByLabel("Reply", { exact: true }).fill("Same here — hung up and called the insurer.");
  await section.getByRole("button", { name: "Post reply" }).click();
  await expect(section.getByText("Same here — hung up and called the insurer.")).toBeVisible();

  await comment.getByRole("button", { name: "Edit" }).click();
  await comment.getByLabel("Edit comment").fill("They knew my name and policy number, then asked for my date of birth.");
  await comment.getByRole("button", { name: "Save" }).click();
  await expect(comment.getByTestId("comment-body")).toHaveText("They knew my name and policy number, then asked for my date of birth.");
  await expect(comment.getByText("· edited")).toBeVisible();

  // Deleting the thread's first comment leaves "Comment removed" above its reply.
  await comment.getByRole("button", { name: "Delete" }).click();
  await comment.getByRole("button", { name: "Yes, delete" }).click();
  await expect(section.getByText("Comment removed")).toBeVisible();
  await expect(section.getByText("They knew my name and policy number, then asked")).toHaveCount(0);
  await expect(section.getByText("Same here — hung up and called the insurer.")).toBeVisible();
  const { rows } = await sql().query(`SELECT "commentCount" FROM "PhoneNumber" WHERE e164 = $1`, [e164]);
  expect(rows[0].commentCount).toBe(1);
});

test("an empty comment is refused with a message; a card number is masked", async ({ page, member }) => {
  void member;
  const e164 = await reportedNumber(2);
  await page.goto(numberUrl(e164));
  const section = page.getByRole("region", { name: "Experiences" });
  await section.getByRole("button", { name: "Post comment" }).click();
  await expect(section.getByTestId("comment-error")).toHaveText("Write your comment.");
  await section.getByLabel("Comment", { exact: true }).fill("They wanted card 4111 1111 1111 1111");
  await section.getByRole("button", { name: "Post comment" }).click();
  await expect(section.getByTestId("comment-posted")).toContainText("masked");
  await expect(section.getByTestId("comment-body")).toHaveText("They wanted card [card number removed •••• 1111]");
});

test("a third flag from a TL1 member hides a comment pending review", async ({ page, context }) => {
  const e164 = await reportedNumber(2);
  const author = await createUser({ name: "Flagged Author" });
  const commentId = await insertComment(e164, author, "Buy cheap followers at example dot com");
  for (let i = 0; i < 2; i++) {
    const flagger = await createUser();
    await sql().query(`INSERT INTO "Flag" (id, "flaggerId", "commentId", reason) VALUES ($1, $2, $3, 'SPAM')`, [`e2ef${Math.random().toString(36).slice(2, 12)}`, flagger.id, commentId]);
    await sql().query(`UPDATE "Comment" SET "flagCount" = "flagCount" + 1 WHERE id = $1`, [commentId]);
  }
  const third = await createUser();
  await signInAs(context, third);
  await page.goto(numberUrl(e164));
  const comment = page.getByRole("article", { name: "Comment by Flagged Author" });
  await comment.getByRole("button", { name: "Flag" }).click();
  await comment.getByLabel("Why should moderators look at this?").selectOption("SPAM");
  await comment.getByRole("button", { name: "Flag comment" }).click();
  await expect(page.getByText("Thanks. The comment is now hidden pending review.")).toBeVisible();

  // Others now see the notice, not the text.
  const visitor = await context.browser()!.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(numberUrl(e164));
  await expect(visitorPage.getByTestId("comment-hidden")).toHaveText("This comment is hidden pending review.");
  await expect(visitorPage.getByText("Buy cheap followers")).toHaveCount(0);
  await visitor.close();
  // The author still reads their own text, marked as hidden.
  const authorContext = await context.browser()!.newContext();
  await signInAs(authorContext, author);
  const authorPage = await authorContext.newPage();
  await authorPage.goto(numberUrl(e164));
  await expect(authorPage.getByText("Buy cheap followers at example dot com")).toBeVisible();
  await expect(authorPage.getByTestId("comment-hidden")).toContainText("Hidden pending review");
  await authorContext.close();
});

test("privacy: one reporter shows a visitor no comment text; two reporters do", async ({ page }) => {
  const author = await createUser();
  const e164 = await reportedNumber(1);
  await insertComment(e164, author, "The caller was my ex-neighbour Jane, a private person");
  await page.goto(numberUrl(e164));
  await expect(page.getByTestId("comments-privacy")).toContainText("stay hidden until at least two different members have reported this number");
  await expect(page.getByText("my ex-neighbour Jane")).toHaveCount(0);

  const second = await createUser();
  await sql().query(`INSERT INTO "NumberReporter" (e164, "userId", category, reports, "lastReportedAt") VALUES ($1, $2, 'SCAM', 1, now())`, [e164, second.id]);
  await sql().query(`UPDATE "PhoneNumber" SET "reporterCount" = 2, "reportCount" = 2 WHERE e164 = $1`, [e164]);
  // Written in SQL, behind the app's back (a real report drops the number's cached page at once): a
  // visitor's page may come from the data cache for its lifetime (DATA_CACHE_SECONDS, 5 s).
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("The caller was my ex-neighbour Jane, a private person")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("comments-privacy")).toHaveCount(0);
});

test("a visitor is invited to sign in instead of a comment box", async ({ page }) => {
  const e164 = await reportedNumber(2);
  await page.goto(numberUrl(e164));
  const section = page.getByRole("region", { name: "Experiences" });
  await expect(section.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent(`/numbers/${e164}`)}`);
  await expect(section.getByLabel("Comment", { exact: true })).toHaveCount(0);
});

test("a long conversation shows its first replies and the rest a page at a time", async ({ page }) => {
  const e164 = await reportedNumber(2);
  const author = await createUser();
  const top = await insertComment(e164, author, "Did anyone else get this call?");
  // 23 replies, one second apart, oldest first.
  for (let i = 0; i < 23; i++) {
    await sql().query(`INSERT INTO "Comment" (id, e164, "authorId", body, "parentId", "createdAt") VALUES ($1, $2, $3, $4, $5, now() - make_interval(secs => $6))`, [
      `${top}r${String(i).padStart(2, "0")}`, e164, author.id, `Reply number ${i + 1}.`, top, 100 - i,
    ]);
  }
  await sql().query(`UPDATE "Comment" SET "replyCount" = 23 WHERE id = $1`, [top]);
  await sql().query(`UPDATE "PhoneNumber" SET "commentCount" = "commentCount" + 23 WHERE e164 = $1`, [e164]);
  await page.goto(numberUrl(e164));
  const section = page.getByRole("region", { name: "Experiences" });
  // The thread's first comment and its replies, all by the same author.
  const replies = section.getByRole("article", { name: `Comment by ${author.name}` });
  await expect(replies).toHaveCount(1 + 10);
  await section.getByRole("button", { name: "Show 13 more replies" }).click();
  await expect(replies).toHaveCount(1 + 20);
  await section.getByRole("button", { name: "Show 3 more replies" }).click();
  await expect(replies).toHaveCount(1 + 23);
  await expect(replies.last()).toContainText("Reply number 23.");
  await expect(section.getByRole("button", { name: /more replies?$/ })).toHaveCount(0);
});
