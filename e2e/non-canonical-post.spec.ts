import { test, expect, sql } from "./fixtures";

const freshNumber = () => `+61417${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;

test("a server action posted to a non-canonical number address (/numbers/%2B61…) is carried out, not a 500 or a lost body", async ({ page, member }) => {
  const e164 = freshNumber();
  await page.goto(`/numbers/${e164}`);
  // Send the page's own server-action POSTs (the comment form's) to the percent-encoded spelling of the same number.
  const posted: number[] = [];
  await page.route(`**/numbers/${e164}`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch({ url: new URL(`/numbers/${encodeURIComponent(e164)}`, page.url()).toString(), maxRedirects: 0 });
    posted.push(response.status());
    await route.fulfill({ response });
  });
  const section = page.getByRole("region", { name: "Experiences" });
  await section.getByLabel("Comment", { exact: true }).fill("Posted through the percent-encoded address.");
  await section.getByRole("button", { name: "Post comment" }).click();
  // A number nobody has reported keeps comments behind its privacy gate: the answer says it is posted.
  await expect(section.getByTestId("comment-posted")).toHaveText("Your comment is posted.");
  expect(posted.length).toBeGreaterThan(0);
  expect(posted.every((status) => status === 200)).toBe(true);
  const { rows } = await sql().query(`SELECT body FROM "Comment" WHERE "authorId" = $1 AND e164 = $2`, [member.id, e164]);
  expect(rows).toEqual([{ body: "Posted through the percent-encoded address." }]);
});

test("a plain POST to a national spelling of a number is not a server error", async ({ request }) => {
  const response = await request.post("/numbers/0417000123", { form: { anything: "1" }, maxRedirects: 0 });
  expect(response.status()).toBeLessThan(500);
  expect(response.status()).not.toBe(308);
});
