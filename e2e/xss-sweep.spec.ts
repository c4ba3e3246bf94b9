import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, createUser, signInAs, sql, uniqueSuffix } from "./fixtures";

// The stored-XSS sweep (issue 13): payloads from the full XSS list (e2e/fixtures/xss-payload-list.txt,
// payloadbox, MIT) and the naughty strings go into every kind of stored text — report texts, caller-ID
// names, display names, organisation names, descriptions, calling policies and websites, removal
// requests, moderation reasons — and every page that shows them is opened in Chromium: no script may
// run, no dialog open, no page answer 5xx, and the page must not scroll sideways at 390 px.
// The payloads are dealt round-robin over the fields, so each field sees a different spread of the list.

const here = path.dirname(new URL(import.meta.url).pathname);
const fullList = fs.readFileSync(path.join(here, "fixtures/xss-payload-list.txt"), "utf8").split("\n").filter((line) => line.trim());
const blns = (JSON.parse(fs.readFileSync(path.join(here, "fixtures/blns.json"), "utf8")) as { strings: string[] }).strings;

/** Every step-th payload of both lists, starting at offset: batches that together cover the lists. */
const batch = (offset: number, step: number) => [...fullList, ...blns].filter((_, i) => i % step === offset);
const cap = (text: string, max: number) => text.replace(/\u0000/g, "").slice(0, max);

async function trap(page: Page) {
  await page.addInitScript(() => {
    const calls: string[] = [];
    Object.defineProperty(window, "__xss", { value: calls });
    for (const name of ["alert", "confirm", "prompt", "print"] as const) {
      (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        calls.push(`${name}(${args.map(String).join(",")})`);
        return name === "confirm" ? false : null;
      };
    }
  });
}

async function visit(page: Page, url: string, problems: string[]) {
  const response = await page.goto(url);
  const status = response?.status() ?? 0;
  if (status >= 500) problems.push(`${status} ${url}`);
  await page.locator("main").first().waitFor();
  for (const target of (await page.locator("main a, main button").all()).slice(0, 10)) await target.hover({ trial: false, timeout: 2_000 }).catch(() => undefined);
  const calls = await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss.slice());
  if (calls.length) problems.push(`${url}: ran ${calls.join("; ")}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) problems.push(`${url}: ${width} px wide at 390 px`);
}

test("every stored text field, filled with XSS payloads and naughty strings, renders inert on every page that shows it", async ({ browser }) => {
  test.setTimeout(300_000);
  expect(fullList.length).toBeGreaterThan(6_000);
  const suffix = uniqueSuffix();
  const moderator = await createUser({ role: "MODERATOR" });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: { "x-forwarded-for": `e2e-client-${uniqueSuffix()}` } });
  await signInAs(context, moderator);
  const page = await context.newPage();
  await trap(page);
  const dialogs: string[] = [];
  const problems: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("response", (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} ${response.url()}`);
  });

  // Organisations: name, description, the four calling-policy texts and the website, one payload each.
  const orgPayloads = batch(0, 23);
  const orgs: string[] = [];
  for (let i = 0; i + 7 <= orgPayloads.length && orgs.length < 12; i += 7) {
    const [name, description, callsFrom, mayAsk, neverAsks, howToVerify, website] = orgPayloads.slice(i, i + 7);
    const slug = `xss-${suffix}-${orgs.length}`;
    await sql().query(
      `INSERT INTO "Organisation" (id, slug, name, description, "policyCallsFrom", "policyMayAsk", "policyNeverAsks", "policyHowToVerify", website, domains, aliases, status, "searchText", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '{}', '{}', 'PROPOSED', $10, now())`,
      [`cx${suffix}${orgs.length}`, slug, `${cap(name, 200)} ${"W".repeat(300)}`, cap(description, 2000), cap(callsFrom, 1000), cap(mayAsk, 1000), cap(neverAsks, 1000), cap(howToVerify, 1000), cap(website, 300), `xss sweep ${suffix}`],
    );
    orgs.push(slug);
  }

  // One number with reports whose body, caller-ID name and reporter's display name are payloads.
  const e164 = `+61415${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "updatedAt") VALUES ($1, 'AU', 'MOBILE', now())`, [e164]);
  const reportPayloads = batch(1, 23);
  let reports = 0;
  for (let i = 0; i + 3 <= reportPayloads.length && reports < 40; i += 3, reports++) {
    const [body, callerId, displayName] = reportPayloads.slice(i, i + 3);
    const reporter = await createUser({ name: cap(displayName, 50) || "Blank" });
    await sql().query(
      `INSERT INTO "Report" (id, e164, "reporterId", "occurredAt", category, "askedFor", "callerIdName", body, "proposedOrgName")
       VALUES ($1, $2, $3, now() - ($4 || ' minutes')::interval, 'SCAM', '{}', $5, $6, $7)`,
      [`rx${suffix}${reports}`, e164, reporter.id, String(reports), cap(callerId, 100), cap(body, 2000), cap(body, 120)],
    );
  }
  await sql().query(`UPDATE "PhoneNumber" SET "reportCount" = $2, "reporterCount" = $2 WHERE e164 = $1`, [e164, reports]);

  // Removal requests and moderation reasons (the audit log).
  const moderationPayloads = batch(2, 23);
  for (const [i, text] of moderationPayloads.slice(0, 30).entries()) {
    await sql().query(`INSERT INTO "RemovalRequest" (id, e164, name, email, reason) VALUES ($1, $2, $3, $4, $5)`, [`qx${suffix}${i}`, e164, cap(text, 100), `rr${i}-${suffix}@example.com`, cap(text, 2000)]);
  }
  for (const [i, text] of moderationPayloads.slice(30, 70).entries()) {
    await sql().query(`INSERT INTO "AuditEntry" (id, "actorId", action, "targetType", "targetId", reason, after) VALUES ($1, $2, 'organisation.update', 'Organisation', $3, $4, $5)`, [`ax${suffix}${i}`, moderator.id, `cx${suffix}0`, cap(text, 500), JSON.stringify({ website: cap(text, 300) })]);
  }

  const pages = [
    ...orgs.map((slug) => `/organisations/${slug}`),
    `/organisations?q=${encodeURIComponent(`xss sweep ${suffix}`)}`,
    `/numbers/${encodeURIComponent(e164)}`,
    "/moderation/organisations",
    "/moderation/removals",
    "/moderation/audit",
    "/moderation",
  ];
  for (const url of pages) await visit(page, url, problems);

  expect(orgs.length).toBe(12);
  expect(reports).toBe(40);
  expect(dialogs).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
