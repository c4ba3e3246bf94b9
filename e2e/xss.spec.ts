import fs from "node:fs";
import path from "node:path";
import { test, expect, createUser, sql } from "./fixtures";

// Hostile strings rendered as comments must stay text. The corpora (MIT, licence lines inside):
// - fixtures/xss-sample.json: every 12th line of payloadbox/xss-payload-list (552 of 6,613 lines, an
//   even spread over the whole file; each keeps its original line number);
// - fixtures/blns.json: all 515 strings of the Big List of Naughty Strings.
const here = path.dirname(new URL(import.meta.url).pathname);
const xss = JSON.parse(fs.readFileSync(path.join(here, "fixtures/xss-sample.json"), "utf8")) as { payloads: { line: number; payload: string }[] };
const blns = JSON.parse(fs.readFileSync(path.join(here, "fixtures/blns.json"), "utf8")) as { strings: string[] };
const corpus = [...xss.payloads.map((p) => p.payload), ...blns.strings];

const TOP_LEVEL = 40;
const numberUrl = (e164: string) => `/numbers/${encodeURIComponent(e164)}`;
// The server's HTML parser turns CR and CRLF into LF; compare text that way.
const normalise = (text: string) => text.replace(/\r\n?/g, "\n");

test.beforeEach(async ({ page }) => {
  // A trap for anything that would run: every dialog API records its call instead of opening.
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
});

test("samples of the XSS payload list and all of blns render as inert text", async ({ page }) => {
  test.setTimeout(180_000);
  expect(xss.payloads.length).toBeGreaterThanOrEqual(500);
  expect(blns.strings).toHaveLength(515);
  const e164 = `+61414${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', 2, 2, now())`, [e164]);
  const author = await createUser({ name: "Payload Author" });

  // 40 threads (newest first: two pages), every other string as a reply spread across them.
  const ids = corpus.map((_, i) => `x${i}-${e164.slice(-6)}`);
  const parents = corpus.map((_, i) => (i < TOP_LEVEL ? null : ids[i % TOP_LEVEL]));
  const created = corpus.map((_, i) => new Date(Date.now() - (i < TOP_LEVEL ? i * 60_000 : 0) - 3_600_000 + (i >= TOP_LEVEL ? i : 0)));
  const replyCounts = ids.slice(0, TOP_LEVEL).map((id) => parents.filter((p) => p === id).length);
  await sql().query(
    `INSERT INTO "Comment" (id, e164, "authorId", "parentId", body, "createdAt", "replyCount")
     SELECT id, $1, $2, parent, body, created, 0 FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS t(id, parent, body, created)
     ORDER BY parent NULLS FIRST`,
    [e164, author.id, ids, parents, corpus, created],
  );
  await sql().query(`UPDATE "Comment" c SET "replyCount" = r.n FROM unnest($1::text[], $2::int[]) AS r(id, n) WHERE c.id = r.id`, [ids.slice(0, TOP_LEVEL), replyCounts]);
  await sql().query(`UPDATE "PhoneNumber" SET "commentCount" = $2 WHERE e164 = $1`, [e164, corpus.length]);

  const dialogs: string[] = [];
  const serverErrors: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("response", (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
  });

  const response = await page.goto(numberUrl(e164));
  expect(response?.status()).toBe(200);
  const bodies = page.getByTestId("comment-body");
  await page.getByRole("button", { name: "Show more" }).click();
  await expect(bodies).toHaveCount(corpus.length, { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Show more" })).toHaveCount(0);

  // Every string came back as exactly its own text, with no element inside a comment's body.
  const rendered = await bodies.evaluateAll((nodes) => nodes.map((node) => ({ text: node.textContent ?? "", children: node.childElementCount })));
  expect(rendered.filter((r) => r.children > 0)).toEqual([]);
  const expected = corpus.map(normalise).sort();
  expect(rendered.map((r) => normalise(r.text)).sort()).toEqual(expected);

  // Hovering and clicking each thread's text must not fire handlers either.
  for (const body of (await bodies.all()).slice(0, 60)) await body.hover();
  await page.waitForTimeout(1_000);
  expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(serverErrors).toEqual([]);
});

test("payloads posted through the real comment form are stored and shown as text", async ({ page, member }) => {
  void member;
  const e164 = `+61415${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', 2, 2, now())`, [e164]);
  const serverErrors: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
  });
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
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
  expect(dialogs).toEqual([]);
  expect(serverErrors).toEqual([]);
});
