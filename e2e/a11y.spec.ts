import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createUser, expect, ownClientAddress, signInAs, sql, test } from "./fixtures";

type Who = "visitor" | "member" | "moderator";
/** `ready`: what to wait for before the page is checked (a part that loads only when it is wanted). */
type Target = { name: string; path: string | (() => Promise<string>); as: Who; status?: number; heading?: string | RegExp; ready?: (page: Page) => Promise<void> };

/** The report form's proof-of-work widget loads when it nears the screen: bring it there and wait for it. */
async function proofOfWorkLoaded(page: Page) {
  await page.getByRole("group", { name: "A quick check instead of an account" }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId("altcha").getByText("I'm not a robot", { exact: true })).toBeVisible();
}

/** A valid AU mobile nobody has reported, so its page shows the "no reports yet" state. */
const unreportedNumber = () => `+61412${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;

/** The promotion form for a demo candidate (Southern Cross Mutual Bank's unverified claim). */
const promotionPage = async () => {
  const { rows } = await sql().query(`SELECT id FROM "Claim" WHERE e164 = '+61255504477' AND status = 'UNVERIFIED' LIMIT 1`);
  return `/moderation/claims/${rows[0].id as string}/promote`;
};

const targets: Target[] = [
  { name: "home", path: "/", as: "visitor" },
  { name: "home (signed in)", path: "/", as: "member" },
  { name: "lookup error", path: "/lookup?q=12", as: "visitor" },
  { name: "number with reports", path: "/numbers/+61491570157", as: "visitor" },
  { name: "number with reports (signed in)", path: "/numbers/+61491570157", as: "member" },
  { name: "a number's reports, paged", path: "/numbers/+61491570157/reports", as: "visitor" },
  { name: "unreported number", path: async () => `/numbers/${unreportedNumber()}`, as: "visitor" },
  { name: "verified number", path: "/numbers/+61270101234", as: "visitor" },
  { name: "impersonation number", path: "/numbers/+61491570159", as: "visitor" },
  { name: "invalid number", path: "/numbers/12", as: "visitor", status: 404 },
  { name: "report (visitor)", path: "/report", as: "visitor", ready: proofOfWorkLoaded },
  { name: "report (signed in)", path: "/report", as: "member" },
  { name: "sign-in redirect from report", path: "/signin?callbackUrl=%2Freport", as: "visitor" },
  { name: "organisations", path: "/organisations", as: "visitor" },
  { name: "organisation", path: "/organisations/harbour-health-insurance", as: "visitor" },
  { name: "missing organisation", path: "/organisations/no-such-organisation-here", as: "visitor", status: 404 },
  { name: "registry", path: "/registry", as: "visitor" },
  { name: "safe-calling scorecard", path: "/safe-calling", as: "visitor" },
  { name: "organisation console", path: "/organisations/harbour-health-insurance/manage", as: "moderator", heading: "Manage Harbour Health Insurance" },
  { name: "represent an organisation", path: "/organisations/harbour-health-insurance/represent", as: "member" },
  { name: "sign in", path: "/signin", as: "visitor" },
  { name: "sign up", path: "/signup", as: "visitor" },
  { name: "forgot password", path: "/forgot-password", as: "visitor" },
  { name: "about", path: "/about", as: "visitor" },
  { name: "404", path: "/this-page-does-not-exist", as: "visitor", status: 404 },
  { name: "moderation forbidden", path: "/moderation", as: "member", status: 403 },
  { name: "moderation", path: "/moderation", as: "moderator" },
  { name: "moderation candidates", path: "/moderation/candidates", as: "moderator" },
  { name: "moderation promotion", path: promotionPage, as: "moderator" },
  { name: "moderation registry", path: "/moderation/registry", as: "moderator" },
  { name: "moderation organisations", path: "/moderation/organisations", as: "moderator" },
  { name: "moderation flags", path: "/moderation/flags", as: "moderator" },
  { name: "moderation removals", path: "/moderation/removals", as: "moderator" },
  { name: "moderation alerts", path: "/moderation/alerts", as: "moderator" },
  { name: "moderation members", path: "/moderation/members", as: "moderator" },
  { name: "moderation audit", path: "/moderation/audit", as: "moderator" },
];

// Set A11Y_SCREENSHOTS=dir to also keep full-page screenshots at phone and desktop width for review.
const screenshotDir = process.env.A11Y_SCREENSHOTS;
const viewports = [
  { label: "390", size: { width: 390, height: 844 } },
  { label: "1280", size: { width: 1280, height: 900 } },
  { label: "800", size: { width: 800, height: 900 } },
];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")} — ${node.failureSummary?.split("\n").slice(1).join(" ").trim()}`),
    }));
}

/** The page's text outside code and data dumps (the audit log shows raw JSON on purpose). */
const visibleProse = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector("main")!.cloneNode(true) as HTMLElement;
    main.querySelectorAll("pre, code, script").forEach((element) => element.remove());
    return main.textContent ?? "";
  });

test.describe("accessibility (axe, WCAG 2 A/AA: no serious or critical violations)", () => {
  for (const target of targets) {
    test(target.name, async ({ browser }) => {
      const context = await browser.newContext({ extraHTTPHeaders: ownClientAddress() });
      if (target.as !== "visitor") await signInAs(context, await createUser({ role: target.as === "moderator" ? "MODERATOR" : "USER" }));
      const page = await context.newPage();
      const url = typeof target.path === "string" ? target.path : await target.path();
      for (const viewport of viewports) {
        await page.setViewportSize(viewport.size);
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(target.status ?? 200);
        await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
        await expect(page.getByRole("main")).toBeVisible();
        await target.ready?.(page);
        expect(await seriousViolations(page), `${url} at ${viewport.label}px`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${url}: no sideways scrolling`).toBeLessThanOrEqual(viewport.size.width);
        expect(await visibleProse(page), `${url}: enum names or ISO timestamps shown to people`).not.toMatch(/\b[A-Z]{2,}_[A-Z_]{2,}\b|\d{4}-\d{2}-\d{2}T\d{2}:/);
        if (screenshotDir) {
          mkdirSync(screenshotDir, { recursive: true });
          const file = `${target.name.replace(/[^a-z0-9]+/gi, "-")}-${viewport.label}.png`;
          await page.screenshot({ path: path.join(screenshotDir, file), fullPage: true });
        }
      }
      await context.close();
    });
  }
});

test.describe("keyboard focus is visible", () => {
  async function expectVisibleFocus(page: Page) {
    const style = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const computed = getComputedStyle(element);
      return { tag: element.tagName, outline: computed.outlineStyle, outlineWidth: computed.outlineWidth, boxShadow: computed.boxShadow };
    });
    const outlined = style.outline !== "none" && style.outlineWidth !== "0px";
    const ringed = style.boxShadow !== "none";
    expect(outlined || ringed, `focus on ${style.tag}: ${JSON.stringify(style)}`).toBe(true);
  }

  test("the skip link, header links and form fields show where focus is", async ({ page }) => {
    await page.goto("/signin");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeInViewport();
    await expectVisibleFocus(page);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "CallerCheck" })).toBeFocused();
    await expectVisibleFocus(page);
    await page.getByRole("link", { name: "Organisations" }).focus();
    await expectVisibleFocus(page);
    if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, "focus-header-link.png"), clip: { x: 0, y: 0, width: 1280, height: 120 } });
    await page.getByLabel("E-mail").focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("E-mail")).toBeFocused();
    await expectVisibleFocus(page);
    if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, "focus-field.png") });
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page);
  });
});
