import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect, createUser, ownClientAddress, signInAs, sql, uniqueSuffix, type TestUser } from "./fixtures";

// The stored-XSS sweep (issue 13). EVERY line of the XSS payload list (e2e/fixtures/xss-payload-list.txt,
// payloadbox/xss-payload-list, 6,613 lines, MIT) and EVERY string of the Big List of Naughty Strings
// (e2e/fixtures/blns.json, 515, MIT; licences in lib/fixtures/LICENCES.md) goes into every kind of stored
// text, and every page that shows it is opened in Chromium at phone width: no script may run
// (alert/confirm/prompt/print are trapped and recorded in window.__xss, which a payload cannot replace;
// dialogs are watched too), no response may be 5xx, and no page may scroll sideways at 390 px. CSP
// violation events are counted as information only: the test must pass without the CSP's help, which is
// why it counts executions, not violations.
//
// Organisation names are indexed, so a shard is dealt into many organisations of ~1,200 bytes each,
// listed through the moderators' search. The corpus is dealt into SHARDS shards so Playwright runs them in parallel. Rows are written with SQL in
// bulk (the goal is rendering); the forms' boundary is proven by the last tests, which post payloads
// through the real comment and report forms. Comments get one payload per row and are compared text for
// text. Fields a page shows one value of (an organisation's texts) or a few (a number's
// latest reports, removal requests) get the shard's payloads packed into values joined by line breaks —
// longer than the forms allow, so that each page load renders hundreds of payloads in that field's place;
// each value starts with a marker the test finds on the page, so a field that is not rendered fails.

const here = path.dirname(new URL(import.meta.url).pathname);
const xssList = fs.readFileSync(path.join(here, "fixtures/xss-payload-list.txt"), "utf8").split("\n").filter((line) => line.length > 0);
const blns = (JSON.parse(fs.readFileSync(path.join(here, "fixtures/blns.json"), "utf8")) as { strings: string[] }).strings;
// PostgreSQL text cannot hold NUL; the boundary refuses it anyway (parseOrThrow).
const corpus = [...xssList, ...blns].map((text) => text.replace(/\u0000/g, ""));
const SHARDS = 4;
const shardOf = (s: number) => corpus.filter((_, i) => i % SHARDS === s);
const numberUrl = (e164: string) => `/numbers/${e164}`;
// The server's HTML parser turns CR and CRLF into LF; compare text that way.
const normalise = (text: string) => text.replace(/\r\n?/g, "\n");
const randomMobile = (prefix: string) => `+614${prefix}${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;

/** Splits payloads into `parts` values, each starting with `${marker} ${index}` and joined by line breaks. */
function pack(payloads: string[], parts: number, marker: string): string[] {
  const size = Math.ceil(payloads.length / parts);
  return Array.from({ length: parts }, (_, i) => [`${marker} ${i}`, ...payloads.slice(i * size, (i + 1) * size)].join("\n"));
}

const VIEWPORT = { width: 390, height: 844 };
test.use({ viewport: VIEWPORT });

type Watch = { problems: string[]; violations: () => Promise<number> };

/** Traps every dialog API before any page script runs, and records 5xx answers and dialogs. */
async function watch(page: Page): Promise<Watch> {
  await page.addInitScript(() => {
    const calls: string[] = [];
    Object.defineProperty(window, "__xss", { value: calls, writable: false, configurable: false });
    for (const name of ["alert", "confirm", "prompt", "print"] as const) {
      Object.defineProperty(window, name, {
        value: (...args: unknown[]) => {
          calls.push(`${name}(${args.map(String).join(",").slice(0, 80)})`);
          return name === "confirm" ? false : null;
        },
        writable: false,
        configurable: false,
      });
    }
    const violations: string[] = [];
    Object.defineProperty(window, "__cspViolations", { value: violations });
    document.addEventListener("securitypolicyviolation", (event) => violations.push(event.violatedDirective));
  });
  const problems: string[] = [];
  page.on("dialog", async (dialog) => {
    problems.push(`dialog ${dialog.type()}: ${dialog.message().slice(0, 80)}`);
    await dialog.dismiss();
  });
  page.on("response", (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} ${response.url()}`);
  });
  return { problems, violations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length).catch(() => 0) };
}

/** Opens a page, hovers what it shows, and records anything that ran; returns the page's text. */
async function visit(page: Page, url: string, w: Watch): Promise<string> {
  const response = await page.goto(url);
  const status = response?.status() ?? 0;
  if (status >= 500 || status === 0) w.problems.push(`${status} ${url}`);
  await page.locator("main").first().waitFor();
  for (const target of (await page.locator("main p, main blockquote, main a, main h1").all()).slice(0, 6)) await target.hover({ timeout: 500 }).catch(() => undefined);
  const calls = await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss.slice());
  if (calls.length) w.problems.push(`${url}: ran ${calls.join("; ")}`);
  // Long unbroken text (and graphemes wider than a phone) must not push the page sideways.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > VIEWPORT.width) w.problems.push(`${url}: ${width} px wide at ${VIEWPORT.width} px`);
  test.info().annotations.push({ type: "csp-violations", description: `${url}: ${await w.violations()}` });
  return (await page.locator("main").first().innerText()).replace(/\r\n?/g, "\n");
}

async function moderatorPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void>; moderator: TestUser }> {
  const moderator = await createUser({ role: "MODERATOR" });
  const context = await browser.newContext({ viewport: VIEWPORT, extraHTTPHeaders: ownClientAddress() });
  await signInAs(context, moderator);
  return { page: await context.newPage(), close: () => context.close(), moderator };
}

// The moderation queues and the directory are shared by every spec: organisations and removal requests
// this spec puts there (hundreds of payloads each) are deleted when its test ends, so other specs' pages
// show their usual data. Tests in one worker run one at a time, so one list per worker is enough.
let sharedOrganisations: string[] = [];
let sharedRemovals: string[] = [];
test.afterEach(async () => {
  await sql().query(`DELETE FROM "RemovalRequest" WHERE id = ANY($1::text[])`, [sharedRemovals]);
  await sql().query(`DELETE FROM "Claim" WHERE "organisationId" = ANY($1::text[])`, [sharedOrganisations]);
  await sql().query(`DELETE FROM "Organisation" WHERE id = ANY($1::text[])`, [sharedOrganisations]);
  sharedOrganisations = [];
  sharedRemovals = [];
});

test("the sweep covers every line of the payload list and every naughty string", () => {
  expect(xssList).toHaveLength(6_613);
  expect(blns).toHaveLength(515);
  expect(Array.from({ length: SHARDS }, (_, s) => shardOf(s).length).reduce((a, b) => a + b, 0)).toBe(7_128);
});

for (let s = 0; s < SHARDS; s++) {
  const label = `shard ${s + 1}/${SHARDS}`;

  test(`comments, replies and their authors' display names render as inert text (${label})`, async ({ page }) => {
    test.setTimeout(240_000);
    const payloads = shardOf(s);
    // Each thread shows its first 10 replies on the page (lib/comments/schema.ts REPLIES_PAGE_SIZE): enough threads
    // that none has more, so every payload is on the page once the threads' pages are all loaded.
    const threads = Math.ceil(payloads.length / (1 + 10));
    const e164 = randomMobile("14");
    await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', 2, 2, now())`, [e164]);
    // One author per thread, whose display name is a packed share of the payloads.
    const names = pack(payloads, threads, `xss-name-${s}`);
    const authors = await Promise.all(names.map((name) => createUser({ name })));
    const ids = payloads.map((_, i) => `x${s}-${i}-${e164.slice(-6)}`);
    const parents = payloads.map((_, i) => (i < threads ? null : ids[i % threads]));
    const created = payloads.map((_, i) => new Date(Date.now() - 3_600_000 - (i < threads ? i * 60_000 : -i)));
    const authorIds = payloads.map((_, i) => authors[i % threads].id);
    await sql().query(
      `INSERT INTO "Comment" (id, e164, "authorId", "parentId", body, "createdAt", "replyCount")
       SELECT id, $1, author, parent, body, created, 0 FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS t(id, parent, body, created, author)
       ORDER BY parent NULLS FIRST`,
      [e164, ids, parents, payloads, created, authorIds],
    );
    await sql().query(`UPDATE "Comment" c SET "replyCount" = r.n FROM (SELECT "parentId" AS id, count(*)::int AS n FROM "Comment" WHERE e164 = $1 AND "parentId" IS NOT NULL GROUP BY 1) r WHERE c.id = r.id`, [e164]);
    await sql().query(`UPDATE "PhoneNumber" SET "commentCount" = $2 WHERE e164 = $1`, [e164, payloads.length]);

    const w = await watch(page);
    await visit(page, numberUrl(e164), w);
    const bodies = page.getByTestId("comment-body");
    // 20 threads a page: "Show more" until every thread is on the page.
    const more = page.getByRole("button", { name: "Show more", exact: true });
    for (let pages = 0; pages < 20 && (await more.count()) > 0; pages++) {
      const before = await bodies.count();
      await more.click();
      await expect.poll(() => bodies.count(), { timeout: 30_000 }).toBeGreaterThan(before);
      // The threads arrive a moment before the button leaves "Loading…".
      await expect(page.getByRole("button", { name: "Loading…" })).toHaveCount(0);
    }
    await expect(bodies).toHaveCount(payloads.length, { timeout: 60_000 });
    await expect(page.getByRole("button", { name: /more repl/ })).toHaveCount(0);
    // Every string came back as exactly its own text, with no element inside a comment's body.
    const rendered = await bodies.evaluateAll((nodes) => nodes.map((node) => ({ text: node.textContent ?? "", children: node.childElementCount })));
    expect(rendered.filter((r) => r.children > 0)).toEqual([]);
    expect(rendered.map((r) => normalise(r.text)).sort()).toEqual(payloads.map(normalise).sort());
    // The authors' names are on the page too.
    const text = (await page.locator("main").innerText()).replace(/\r\n?/g, "\n");
    for (let i = 0; i < threads; i++) expect(text).toContain(`xss-name-${s} ${i}`);
    for (const body of (await bodies.all()).slice(0, 40)) await body.hover({ timeout: 2_000 }).catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  test(`report texts and caller-ID names on a number page render as inert text (${label})`, async ({ page }) => {
    test.setTimeout(180_000);
    const payloads = shardOf(s);
    const e164 = randomMobile("15");
    const reports = 10; // LATEST_REPORTS: the number page shows the ten newest
    await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', $2, $2, now())`, [e164, reports]);
    const reporters = await Promise.all(Array.from({ length: reports }, () => createUser()));
    const bodies = pack(payloads, reports, `xss-report-${s}`);
    const callerIds = pack(payloads, reports, `xss-callerid-${s}`);
    const suffix = uniqueSuffix();
    await sql().query(
      `INSERT INTO "Report" (id, e164, "reporterId", "occurredAt", category, "askedFor", "callerIdName", body, "proposedOrgName")
       SELECT 'rx' || $2 || n, $1, reporter, now() - (n || ' minutes')::interval, 'SCAM', '{}', caller, body, left(caller, 120)
       FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(reporter, caller, body, n)`,
      [e164, suffix, reporters.map((r) => r.id), callerIds, bodies],
    );
    for (const reporter of reporters) {
      await sql().query(`INSERT INTO "NumberReporter" (e164, "userId", category, reports, "lastReportedAt") VALUES ($1, $2, 'SCAM', 1, now())`, [e164, reporter.id]);
    }
    const w = await watch(page);
    const text = await visit(page, numberUrl(e164), w);
    for (let i = 0; i < reports; i++) {
      expect(text).toContain(`xss-report-${s} ${i}`);
      expect(text).toContain(`xss-callerid-${s} ${i}`);
    }
    expect(w.problems).toEqual([]);
  });

  test(`an organisation's name, description, calling policy and website render as inert text (${label})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const payloads = shardOf(s);
    const suffix = uniqueSuffix();
    const slug = `xss-${suffix}`;
    const orgId = `cx${suffix}`;
    const field = (name: string) => pack(payloads, 1, `xss-${name}-${s}`)[0];
    const search = `xss sweep ${suffix}`;
    sharedOrganisations.push(orgId);
    await sql().query(
      `INSERT INTO "Organisation" (id, slug, name, description, "policyCallsFrom", "policyMayAsk", "policyNeverAsks", "policyHowToVerify", website, domains, aliases, status, "searchText", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '{}', '{}', 'PROPOSED', $10, now())`,
      // The name is indexed (one organisation per normalised name), so it holds a share of the payloads only.
      [orgId, slug, field("name").slice(0, 1_500), field("description"), field("calls-from"), field("may-ask"), field("never-asks"), field("how-to-verify"), field("website"), search],
    );
    const { page, close } = await moderatorPage(browser);
    const w = await watch(page);
    const orgText = await visit(page, `/organisations/${slug}`, w);
    for (const name of ["name", "description", "calls-from", "may-ask", "never-asks", "how-to-verify"]) expect(orgText, name).toContain(`xss-${name}-${s} 0`);
    await visit(page, `/organisations?q=${encodeURIComponent(search)}`, w);
    await visit(page, `/moderation/organisations?q=${encodeURIComponent(search)}`, w);
    expect(w.problems).toEqual([]);
    await close();
  });

  test(`organisation names (what a proposal creates) render as inert text, every payload (${label})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const payloads = shardOf(s);
    const suffix = uniqueSuffix();
    // The name is indexed (btree), so the shard is dealt into many organisations of about 1,200 bytes each.
    const names: string[] = [];
    let current: string[] = [];
    const flush = () => {
      if (current.length) names.push([`xss-orgname-${s}-${names.length}#`, ...current].join("\n"));
      current = [];
    };
    for (const payload of payloads) {
      if (Buffer.byteLength([...current, payload].join("\n")) > 1_200) flush();
      current.push(payload);
    }
    flush();
    // The moderators' search lists up to 30 matches: one search key per group of 25.
    const GROUP = 25;
    const key = (i: number) => `xss names ${suffix} g${String(Math.floor(i / GROUP)).padStart(3, "0")}x`;
    const ids = names.map((_, i) => `cn${suffix}${i}`);
    sharedOrganisations.push(...ids);
    await sql().query(
      `INSERT INTO "Organisation" (id, slug, name, domains, aliases, status, "searchText", "updatedAt")
       SELECT id, 'xss-name-' || id, name, '{}', '{}', 'PROPOSED', key, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, name, key)`,
      [ids, names, names.map((_, i) => key(i))],
    );
    const { page, close } = await moderatorPage(browser);
    const w = await watch(page);
    const seen = new Set<number>();
    for (let g = 0; g * GROUP < names.length; g++) {
      const text = await visit(page, `/moderation/organisations?q=${encodeURIComponent(key(g * GROUP))}`, w);
      for (let i = g * GROUP; i < Math.min(names.length, (g + 1) * GROUP); i++) if (text.includes(`xss-orgname-${s}-${i}#`)) seen.add(i);
    }
    expect(seen.size).toBe(names.length);
    // One organisation's own page, which shows its name as the heading.
    await visit(page, `/organisations/xss-name-${ids[0]}`, w);
    expect(w.problems).toEqual([]);
    await close();
  });

  test(`an organisation's statement and policy line on a number page render as inert text (${label})`, async ({ page }) => {
    test.setTimeout(120_000);
    const payloads = shardOf(s);
    const suffix = uniqueSuffix();
    const orgId = `cs${suffix}`;
    sharedOrganisations.push(orgId);
    const field = (name: string) => pack(payloads, 1, `xss-${name}-${s}`)[0];
    // Statements show only for active organisations: a plain name keeps the directory readable for other tests.
    await sql().query(
      `INSERT INTO "Organisation" (id, slug, name, "policyCallsFrom", "policyNeverAsks", "policyHowToVerify", domains, aliases, status, "searchText", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, '{}', '{}', 'ACTIVE', $2, now())`,
      [orgId, `xss-statement-${suffix}`, `Statement Sweep ${suffix}`, field("line-calls-from"), field("line-never-asks"), field("line-how-to-verify")],
    );
    const e164 = randomMobile("16");
    const author = await createUser();
    await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', 2, 2, now())`, [e164]);
    await sql().query(`INSERT INTO "Claim" (id, e164, "organisationId", "organisationKey", status, source, "updatedAt") VALUES ($1, $2, $3, $3, 'UNVERIFIED', 'REPRESENTATIVE', now())`, [`cl${suffix}`, e164, orgId]);
    await sql().query(`INSERT INTO "OrganisationStatement" (id, "organisationId", e164, "authorId", body, "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`, [`st${suffix}`, orgId, e164, author.id, field("statement")]);
    const w = await watch(page);
    const text = await visit(page, numberUrl(e164), w);
    expect(text).toContain(`xss-statement-${s} 0`);
    expect(w.problems).toEqual([]);
  });

  test(`removal requests and moderation reasons render as inert text (${label})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const payloads = shardOf(s);
    const suffix = uniqueSuffix();
    const e164 = randomMobile("17");
    await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "updatedAt") VALUES ($1, 'AU', 'MOBILE', now())`, [e164]);
    const { page, close, moderator } = await moderatorPage(browser);

    // Removal requests: the requester's name and reason, a few requests holding the whole shard.
    const requests = 4;
    const ids = Array.from({ length: requests }, (_, i) => `qx${suffix}${i}`);
    sharedRemovals.push(...ids);
    const names = pack(payloads, requests, `xss-requester-${s}`);
    const reasons = pack(payloads, requests, `xss-removal-${s}`);
    await sql().query(
      `INSERT INTO "RemovalRequest" (id, e164, name, email, reason) SELECT id, $1, name, 'rr-' || id || '@example.com', reason FROM unnest($2::text[], $3::text[], $4::text[]) AS t(id, name, reason)`,
      [e164, ids, names, reasons],
    );
    // Moderation reasons in the audit log (shown cut at 400 characters): rows of a few payloads each,
    // none longer than what is shown, so every payload is rendered.
    const target = `xss-audit-${suffix}`;
    const auditReasons: string[] = [];
    for (let i = 0, current = ""; i <= payloads.length; i++) {
      const next = payloads[i];
      if (next === undefined || (current && current.length + next.length + 1 > 390)) {
        auditReasons.push(current);
        current = "";
      }
      if (next !== undefined) current = current ? `${current}\n${next.slice(0, 390)}` : next.slice(0, 390);
    }
    await sql().query(
      `INSERT INTO "AuditEntry" (id, "actorId", action, "targetType", "targetId", reason, after, "createdAt")
       SELECT 'ax' || $4 || n, $1, 'organisation.update', 'Organisation', $2, reason, jsonb_build_object('website', left(reason, 300)), now() - (n || ' milliseconds')::interval
       FROM unnest($3::text[]) WITH ORDINALITY AS t(reason, n)`,
      [moderator.id, target, auditReasons, suffix],
    );

    const w = await watch(page);
    // Walk the removal queue until every one of this test's requests has been shown.
    const seen = new Set<string>();
    let url: string | null = "/moderation/removals";
    let text = "";
    for (let guard = 0; url && seen.size < requests && guard < 50; guard++) {
      text += await visit(page, url, w);
      for (const id of await page.locator("input[name=requestId]").evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))) if (ids.includes(id)) seen.add(id);
      const nextHref = await page.locator("a[href*='after=']").first().getAttribute("href", { timeout: 1_000 }).catch(() => null);
      url = nextHref;
    }
    expect([...seen].sort()).toEqual([...ids].sort());
    for (let i = 0; i < requests; i++) {
      expect(text).toContain(`xss-requester-${s} ${i}`);
      expect(text).toContain(`xss-removal-${s} ${i}`);
    }
    // Walk the audit log for this test's target, page by page.
    let auditUrl: string | null = `/moderation/audit?target=${encodeURIComponent(target)}`;
    let auditPages = 0;
    while (auditUrl && auditPages < 200) {
      await visit(page, auditUrl, w);
      auditPages++;
      auditUrl = await page.locator("a[href*='cursor=']").first().getAttribute("href", { timeout: 1_000 }).catch(() => null);
    }
    test.info().annotations.push({ type: "audit", description: `${auditReasons.length} reasons over ${auditPages} pages` });
    expect(auditPages).toBeGreaterThan(1);
    expect(w.problems).toEqual([]);
    await close();
  });
}

test("payloads posted through the real comment form are stored and shown as text", async ({ page, member }) => {
  void member;
  const e164 = randomMobile("18");
  await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', 2, 2, now())`, [e164]);
  const w = await watch(page);
  const payloads = [
    `<script>alert("xss-form-1")</script>`,
    `"><img src=x onerror=alert("xss-form-2")>`,
    `<svg/onload=alert("xss-form-3")>`,
    `javascript:alert("xss-form-4") https://example.com/?q=<b>bold</b>`,
    `{{constructor.constructor('alert("xss-form-5")')()}} \${alert(6)} </textarea><script>alert(7)</script>`,
    `<iframe srcdoc="<script>parent.alert('xss-form-8')</script>"></iframe>`,
  ];
  await page.goto(numberUrl(e164));
  const section = page.getByRole("region", { name: "Experiences" });
  for (const payload of payloads) {
    await section.getByLabel("Comment", { exact: true }).fill(payload);
    await section.getByRole("button", { name: "Post comment" }).click();
    await expect(section.getByTestId("comment-body").filter({ hasText: payload }).first()).toBeVisible();
  }
  await page.reload();
  await expect(section.getByTestId("comment-body")).toHaveCount(payloads.length);
  const texts = await section.getByTestId("comment-body").evaluateAll((nodes) => nodes.map((node) => [node.textContent, node.childElementCount]));
  expect(texts).toEqual([...payloads].reverse().map((payload) => [payload, 0]));
  await expect(section.locator("a[href^='javascript:' i], iframe, img[src='x']")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toEqual([]);
  expect(w.problems).toEqual([]);
});

test("payloads posted through the real report form (caller ID, story, proposed organisation) are stored and shown as text", async ({ page, member }) => {
  void member;
  test.setTimeout(120_000);
  const w = await watch(page);
  const suffix = uniqueSuffix();
  const callerId = `<svg/onload=alert("xss-callerid")>`;
  const story = `"><img src=x onerror=alert("xss-story")> ${suffix} <script>alert(1)</script>`;
  const orgName = `<img src=x onerror=alert("xss-org")> ${suffix}`;
  const number = randomMobile("19");
  // Report texts show once more than one person has reported the number: someone else already has.
  const other = await createUser();
  await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', 1, 1, now())`, [number]);
  await sql().query(`INSERT INTO "NumberReporter" (e164, "userId", category, reports, "lastReportedAt") VALUES ($1, $2, 'SCAM', 1, now())`, [number, other.id]);
  await page.goto("/report");
  const form = page.getByRole("form", { name: "Report a call" });
  await form.getByLabel("Phone number").fill(number);
  await form.getByRole("group", { name: "What kind of call was it?" }).getByRole("radio", { name: "Scam", exact: true }).check();
  await form.getByRole("combobox", { name: "Who did they say they were?" }).fill(orgName);
  await page.getByRole("listbox", { name: "Organisations" }).getByRole("option").filter({ hasText: "Someone else" }).click();
  await expect(form.getByLabel("Organisation's name")).toHaveValue(orgName);
  await form.getByLabel("Name shown on caller ID (if any)").fill(callerId);
  await form.getByLabel("What happened?").fill(story);
  await form.getByRole("button", { name: "Submit report" }).click();
  await expect(page.getByTestId("report-success")).toBeVisible();

  await page.goto(numberUrl(number));
  const newest = page.getByTestId("latest-reports").getByRole("listitem").first();
  await expect(newest).toContainText(callerId);
  await expect(newest).toContainText(story);
  await expect(newest.locator("img, svg[onload], script")).toHaveCount(0);
  const { rows } = await sql().query(`SELECT id, slug FROM "Organisation" WHERE name = $1`, [orgName]);
  expect(rows).toHaveLength(1);
  sharedOrganisations.push(rows[0].id);
  await page.goto(`/organisations/${rows[0].slug}`);
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toEqual([]);
  expect(w.problems).toEqual([]);
});
