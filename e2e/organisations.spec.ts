import type { Page, Route } from "@playwright/test";
import { test, expect } from "./fixtures";

const reportForm = (page: Page) => page.getByRole("form", { name: "Report a call" });
const combobox = (page: Page) => reportForm(page).getByRole("combobox", { name: "Who did they say they were?" });
const options = (page: Page) => page.getByRole("listbox", { name: "Organisations" }).getByRole("option");

test("the report form's type-ahead finds the Australian Taxation Office for “ATO” and for “tax office”", async ({ page }) => {
  await page.goto("/report");
  for (const text of ["ATO", "tax office"]) {
    await combobox(page).fill(text);
    await expect(combobox(page)).toHaveAttribute("aria-expanded", "true");
    await expect(options(page).first()).toContainText("Australian Taxation Office");
    await expect(options(page).first()).toContainText("Government · AU · ato.gov.au");
  }
  await combobox(page).fill("Centrelink");
  await expect(options(page).first()).toContainText("Services Australia");
  await combobox(page).fill("CommBank");
  await expect(options(page).first()).toContainText("Commonwealth Bank of Australia");
});

test("“Someone else” is never offered before the suggestions for the current text have arrived", async ({ page }) => {
  // Hold every search answer until the test releases it, so "before" is a state, not a race.
  const held: Route[] = [];
  await page.route((url) => url.pathname === "/api/organisations/search", (route) => void held.push(route));
  const release = async () => {
    await expect.poll(() => held.length).toBeGreaterThan(0);
    for (const route of held.splice(0)) await route.continue();
  };

  await page.goto("/report");
  await combobox(page).fill("Telstra");
  await expect(page.locator("#organisation-hint")).toHaveText("Searching…");
  await expect(combobox(page)).toHaveAttribute("aria-expanded", "false");
  await expect(options(page)).toHaveCount(0);
  await release();
  await expect(options(page).first()).toContainText("Telstra");
  await expect(options(page).last()).toHaveText("Someone else: add “Telstra”");

  // New text while the old suggestions are on screen: neither they nor "add" are offered until its answer arrives.
  await combobox(page).fill("Telstra Harbour");
  await expect(page.locator("#organisation-hint")).toHaveText("Searching…");
  await expect(options(page)).toHaveCount(0);
  await combobox(page).press("ArrowDown");
  await expect(combobox(page)).not.toHaveAttribute("aria-activedescendant", /.+/);
  await release();
  await expect(options(page).last()).toHaveText("Someone else: add “Telstra Harbour”");
});

test("the directory lists the default region first and filters by country and category", async ({ page }) => {
  await page.goto("/organisations");
  const items = page.getByRole("list", { name: "Organisations" }).getByRole("listitem");
  await expect(items.first()).toContainText("Australia");
  const texts = await items.allInnerTexts();
  expect(texts.every((text) => text.includes("Australia"))).toBe(true); // AU first: a whole page of them

  const filters = page.getByRole("search", { name: "Find an organisation" });
  await filters.getByLabel("Category").selectOption({ label: "Bank" });
  await filters.getByLabel("Country").selectOption({ label: "United States" });
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/category=BANK/);
  await expect(page).toHaveURL(/country=US/);
  await expect(items.filter({ hasText: "Bank of America" })).toHaveCount(1);
  const banks = await items.allInnerTexts();
  expect(banks.length).toBeGreaterThanOrEqual(4);
  for (const text of banks) expect(text).toMatch(/Bank · United States/);
  await expect(items.filter({ hasText: "Commonwealth Bank" })).toHaveCount(0);

  await filters.getByLabel("Country").selectOption({ label: "Australia" });
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/country=AU/);
  await expect(items.filter({ hasText: "Commonwealth Bank of Australia" })).toHaveCount(1);
  await expect(items.filter({ hasText: "Bank of America" })).toHaveCount(0);
});

test("an organisation's page lists the numbers it publishes and its sources", async ({ page }) => {
  await page.goto("/organisations/australian-taxation-office");
  await expect(page.getByRole("heading", { level: 1, name: "Australian Taxation Office" })).toBeVisible();
  const published = page.getByRole("list", { name: "Numbers Australian Taxation Office publishes" });
  await expect(published.getByRole("link", { name: "1800 008 540" })).toHaveAttribute("href", "tel:+611800008540");
  const sources = page.getByRole("list", { name: "Sources for Australian Taxation Office" });
  await expect(sources.getByRole("link", { name: "Verify or report a scam | Australian Taxation Office" }).first()).toHaveAttribute("href", "http://www.ato.gov.au/scams");
  await expect(sources).toContainText("We will never send an unsolicited SMS that contains a hyperlink.");
});
