import { test, expect, createUser, signInAs, sql } from "./fixtures";

/** A valid Australian mobile nobody has reported (the seed uses other ranges). */
const freshNumber = () => `+61416${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
const numberUrl = (e164: string) => `/numbers/${encodeURIComponent(e164)}`;

test("a member votes Legitimate, sees the count and their vote, changes it, then withdraws", async ({ page, member }) => {
  const e164 = freshNumber();
  await page.goto(numberUrl(e164));
  const panel = page.getByRole("region", { name: "Is this caller legitimate?" });
  await expect(panel.getByTestId("vote-counts")).toHaveText("0 legitimate · 0 not legitimate");

  // The vote goes to its route handler and answers with the panel's figures, not with the page rendered again (issue 12).
  let answered = "";
  await page.route("**/api/votes", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    expect(route.request().headers()["content-type"]).toBe("application/json");
    const response = await route.fetch();
    answered = await response.text();
    await route.fulfill({ response, body: answered });
  });
  await panel.getByRole("button", { name: "Legitimate", exact: true }).click();
  await expect(panel.getByTestId("my-vote")).toHaveText("Your vote: Legitimate");
  await page.unrouteAll();
  expect(answered).toContain('"legitVotes":1');
  expect(answered).not.toContain("Report this number");
  expect(answered.length).toBeLessThan(4_000);
  await expect(panel.getByTestId("vote-counts")).toHaveText("1 legitimate · 0 not legitimate");
  await expect(panel.getByRole("button", { name: "Legitimate", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(panel.getByTestId("confidence")).toHaveText("The one member who answered says this caller is legitimate (1 of 1).");

  await panel.getByRole("button", { name: "Not legitimate", exact: true }).click();
  await expect(panel.getByTestId("my-vote")).toHaveText("Your vote: Not legitimate");
  await expect(panel.getByTestId("vote-counts")).toHaveText("0 legitimate · 1 not legitimate");

  const { rows } = await sql().query(
    `SELECT v.legitimate, c."legitVotes", c."notLegitVotes" FROM "Vote" v JOIN "Claim" c ON c.id = v."claimId" WHERE v."userId" = $1 AND c.e164 = $2`,
    [member.id, e164],
  );
  expect(rows).toEqual([{ legitimate: false, legitVotes: 0, notLegitVotes: 1 }]);

  await panel.getByRole("button", { name: "Withdraw vote" }).click();
  await expect(panel.getByTestId("my-vote")).toHaveCount(0);
  await expect(panel.getByTestId("vote-counts")).toHaveText("0 legitimate · 0 not legitimate");
  // Reloading shows the same state, read from the database.
  await page.reload();
  await expect(panel.getByTestId("vote-counts")).toHaveText("0 legitimate · 0 not legitimate");
});

test("a claimed organisation is in the vote buttons' accessible description", async ({ page, member }) => {
  void member;
  // Harbour Health Insurance's rotating mobile, reported as the insurer in the demo data.
  await page.goto(numberUrl("+61491570006"));
  const panel = page.getByRole("region", { name: "Is this really Harbour Health Insurance?" });
  const button = panel.getByRole("button", { name: "Legitimate", exact: true }).first();
  await expect(button).toHaveAccessibleDescription(/Harbour Health Insurance/);
});

test("a visitor clicking a vote button is asked to sign in and brought back", async ({ page }) => {
  const e164 = freshNumber();
  const user = await createUser();
  await page.goto(numberUrl(e164));
  await page.getByRole("button", { name: "Not legitimate", exact: true }).click();
  await expect(page).toHaveURL(/\/signin\?/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(`/numbers/${e164}`);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => decodeURIComponent(url.pathname) === `/numbers/${e164}`);
  await expect(page.getByRole("button", { name: "Not legitimate", exact: true })).toBeVisible();
});

test("a suspended member sees no vote buttons", async ({ page, context }) => {
  const suspended = await createUser({ suspended: true });
  await signInAs(context, suspended);
  await page.goto(numberUrl(freshNumber()));
  const panel = page.getByRole("region", { name: "Is this caller legitimate?" });
  await expect(panel.getByText("Your account is suspended, so you cannot vote.")).toBeVisible();
  await expect(panel.getByRole("button", { name: "Legitimate", exact: true })).toHaveCount(0);
});
