import { randomInt } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { formatE164 } from "../lib/numbers/phone";
import { createUser, expect, signInAs, sql, test, uniqueSuffix } from "./fixtures";

const ORG = { slug: "harbour-health-insurance", name: "Harbour Health Insurance" };

async function reportImpersonation(page: Page, number: string) {
  await page.goto("/report");
  const form = page.getByRole("form", { name: "Report a call" });
  await form.getByLabel("Phone number").fill(number);
  await form.getByRole("group", { name: "What kind of call was it?" }).getByRole("radio", { name: "Impersonation", exact: true }).check();
  const combobox = form.getByRole("combobox", { name: "Who did they say they were?" });
  await combobox.fill("harbour health");
  await expect(page.getByRole("listbox", { name: "Organisations" }).getByRole("option").first()).toContainText(ORG.name);
  await combobox.press("ArrowDown");
  await combobox.press("Enter");
  await expect(combobox).toHaveValue(ORG.name);
  await form.getByLabel("What happened?").fill(`Private story ${uniqueSuffix()}: wanted my card number`);
  await form.getByRole("button", { name: "Submit report" }).click();
  await expect(page.getByTestId("report-success")).toContainText("Your report is saved");
}

test("a member watches the demo insurer; another reports an impersonating number; the alert e-mail arrives with a working unsubscribe link", async ({ page, browser, member }) => {
  // 1. Watch the organisation.
  await page.goto(`/organisations/${ORG.slug}`);
  await page.getByRole("button", { name: "Watch this organisation" }).click();
  await expect(page.getByTestId("watch-organisation-status")).toContainText("You are watching this organisation");
  await expect(page.getByRole("button", { name: "Watching" })).toHaveAttribute("aria-pressed", "true");

  // 2. Another member reports a number (not on the insurer's verified list) claiming to be it.
  const national = `0412 ${String(randomInt(100, 999))} ${String(randomInt(100, 999))}`;
  const e164 = `+61${national.replace(/\s/g, "").slice(1)}`;
  const reporterContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `e2e-client-${uniqueSuffix()}` } });
  await signInAs(reporterContext, await createUser());
  await reportImpersonation(await reporterContext.newPage(), national);
  await reporterContext.close();

  // 3. The worker e-mails the watcher: it shows in /dev/outbox.
  const international = formatE164(e164).international;
  const message = page.getByTestId("outbox-message").filter({ hasText: member.email }).filter({ hasText: international });
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(message).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await expect(message.getByRole("heading")).toHaveText(`CallerCheck: new alert for ${ORG.name}`);
  await expect(message).toContainText(`Possible impersonation of ${ORG.name}`);
  await expect(message).not.toContainText("Private story");
  const headers = message.getByTestId("outbox-headers");
  await expect(headers).toContainText("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  await expect(headers).toContainText("/api/alerts/unsubscribe?token=");
  const text = (await message.locator("pre").textContent()) ?? "";
  const link = text.match(/https?:\/\/\S+\/alerts\/unsubscribe\?token=\S+/)?.[0];
  expect(link).toBeTruthy();

  // The same alert is under "What's new" on the account page.
  await page.goto("/account");
  await expect(page.getByRole("region", { name: "What's new" }).getByTestId("whats-new-item").filter({ hasText: international })).toContainText(`Possible impersonation of ${ORG.name}`);

  // 4. The unsubscribe link works without signing in; a tampered one is refused.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  const tampered = link!.replace(/token=(.)/, (_, c: string) => `token=${c === "A" ? "B" : "A"}`);
  await visitorPage.goto(tampered);
  await expect(visitorPage.getByTestId("unsubscribe-invalid")).toContainText("This unsubscribe link is not valid");
  const forged = await visitorPage.request.post(new URL(tampered).pathname.replace("/alerts/", "/api/alerts/") + new URL(tampered).search, { form: { "List-Unsubscribe": "One-Click" } });
  expect(forged.status()).toBe(400);
  const mode = async () => (await sql().query(`SELECT w."alertMode"::text AS mode FROM "OrganisationWatch" w JOIN "Organisation" o ON o.id = w."organisationId" WHERE w."userId" = $1 AND o.slug = $2`, [member.id, ORG.slug])).rows[0]?.mode;
  expect(await mode()).toBe("INSTANT");

  await visitorPage.goto(link!);
  await visitorPage.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(visitorPage.getByTestId("unsubscribed")).toContainText(`we will not e-mail you about ${ORG.name} any more`);
  await visitor.close();
  expect(await mode()).toBe("OFF");

  // 5. The account page shows the watch under Alerts with "No e-mail".
  await page.goto("/account");
  const alerts = page.getByRole("region", { name: "Alerts" });
  const row = alerts.getByTestId("alert-watch").filter({ hasText: ORG.name });
  await expect(row.getByRole("combobox", { name: `E-mail for ${ORG.name}` })).toHaveValue("OFF");
  await row.getByRole("combobox", { name: `E-mail for ${ORG.name}` }).selectOption({ label: "Daily digest" });
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByTestId("alert-mode-status")).toContainText("Saved: Daily digest.");
  expect(await mode()).toBe("DAILY");

  // 6. The new parts of the account page and the unsubscribe page: no serious accessibility problems, and they fit a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ["/account", link!.replace(/^https?:\/\/[^/]+/, "")]) {
    await page.goto(url);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id), url).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
  }
});
