import { createUser, expect, test, uniqueSuffix, waitForMail } from "./fixtures";

const linkFrom = (text: string) => {
  const url = /https?:\/\/\S+/.exec(text)?.[0];
  if (!url) throw new Error(`no link in: ${text}`);
  return new URL(url).pathname + new URL(url).search;
};

test("sign up, confirm the e-mail from the outbox, sign in, sign out, sign in", async ({ page }) => {
  const email = `newcomer-${uniqueSuffix()}@example.com`;
  const password = "a sensible passphrase";
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("New Comer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Check your inbox");

  const mail = await waitForMail(email, /Confirm/);
  await page.goto(linkFrom(mail.text));
  await expect(page.getByTestId("confirm-result")).toContainText("confirmed");
  await page.goto("/signin?callbackUrl=/account");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("email-status")).toHaveText("Confirmed");

  await page.getByRole("button", { name: "Sign out", exact: true }).filter({ visible: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).filter({ visible: true })).toBeVisible();

  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("The e-mail or password is incorrect.");

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText("New Comer");
});

test("an unknown e-mail gets the same message as a wrong password", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(`nobody-${uniqueSuffix()}@example.com`);
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("The e-mail or password is incorrect.");
});

test("reset a forgotten password with the e-mailed link, once", async ({ page }) => {
  const user = await createUser();
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an "E-mail" field too: wait for the client navigation before filling.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("form-success")).toContainText("If an account uses that e-mail");

  const mail = await waitForMail(user.email, /Reset/);
  const link = linkFrom(mail.text);
  await page.goto(link);
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("password-error")).toHaveText("Use at least 10 characters.");
  await page.getByLabel("New password").fill("my brand new password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("form-success")).toContainText("Your password has been changed");

  await page.goto(link);
  await page.getByLabel("New password").fill("yet another password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("form-error")).toContainText("expired or was already used");
  await expect(page.getByTestId("form-error").getByRole("link", { name: "Send a new reset link" })).toHaveAttribute("href", "/forgot-password");

  // A cut-off link (the token is a hidden field, so its problem is the message, not "correct the highlighted fields").
  await page.goto("/reset-password?token=abc");
  await page.getByLabel("New password").fill("yet another password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("form-error")).toContainText("This reset link is incomplete");
  await expect(page.getByTestId("form-error")).not.toContainText("highlighted");

  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill("my brand new password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user").filter({ visible: true })).toHaveText(user.name);
});

test("sign-up shows each field's problem and keeps what was typed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("A");
  await page.getByLabel("E-mail").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("name-error")).toHaveText("Use at least 2 characters.");
  await expect(page.getByTestId("email-error")).toContainText("valid e-mail");
  await expect(page.getByTestId("password-error")).toHaveText("Use at least 10 characters.");
  await expect(page.getByLabel("E-mail")).toHaveValue("not-an-email");
  await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
});

test("a taken e-mail gets the same answer as a new one; its owner is told by e-mail", async ({ page }) => {
  const user = await createUser();
  const fresh = `fresh-${uniqueSuffix()}@example.com`;
  const answers: string[] = [];
  for (const email of [user.email.toUpperCase(), fresh]) {
    await page.goto("/signup");
    await page.getByLabel("Display name").fill("Someone Else");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("a sensible passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("form-success")).toBeVisible();
    answers.push((await page.getByTestId("form-success").textContent())!.replace(email.toLowerCase(), "<e-mail>"));
  }
  expect(answers[0]).toBe(answers[1]);
  await waitForMail(user.email, /tried to create/);
});

test("a common password is refused with a clear message", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Weak Password");
  await page.getByLabel("E-mail").fill(`weak-${uniqueSuffix()}@example.com`);
  await page.getByLabel("Password").fill("password12");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("password-error")).toContainText("common or breached");
});

test("members cannot open moderation; the moderator demo account can", async ({ page, context }) => {
  const member = await createUser();
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user").filter({ visible: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" })).toHaveCount(0);
  const forbidden = await page.goto("/moderation");
  expect(forbidden?.status()).toBe(403);

  await context.clearCookies();
  await page.goto("/signin?callbackUrl=/moderation");
  await page.getByLabel("E-mail").fill("moderator@callercheck.test");
  await page.getByLabel("Password").fill("moderator-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/moderation$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" })).toBeVisible();
});
