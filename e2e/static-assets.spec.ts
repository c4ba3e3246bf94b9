import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { test } from "./fixtures";

// The build's scripts, stylesheet and icons from memory, compressed once (scripts/server/static-assets.mjs): Next
// compressed each again for every request, so a new visitor's first view cost the server ~50 ms after its kept page.

const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";

test("a page's scripts and stylesheet come compressed, cacheable for good, with the security headers, and the page works", async ({ page }) => {
  const assets: { url: string; status: number; headers: Record<string, string> }[] = [];
  page.on("response", async (response) => {
    if (new URL(response.url()).pathname.startsWith("/_next/static/")) assets.push({ url: response.url(), status: response.status(), headers: await response.allHeaders() });
  });
  await page.goto("/");
  // The scripts ran: Next's client started (window.next), and the search box's own check answers without a page load.
  await page.waitForFunction(() => "next" in window);
  await page.getByRole("searchbox").first().fill("12");
  await page.getByRole("searchbox").first().press("Enter");
  await expect(page.getByTestId("search-error").first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  await expect.poll(() => assets.filter((asset) => asset.url.endsWith(".css")).length).toBeGreaterThan(0);
  expect(assets.filter((asset) => asset.url.endsWith(".js")).length).toBeGreaterThan(3);
  for (const asset of assets) {
    expect(asset.status, asset.url).toBe(200);
    // Chromium asks loopback for Brotli as it does HTTPS sites.
    expect(asset.headers["content-encoding"], asset.url).toBe("br");
    expect(asset.headers["cache-control"], asset.url).toBe("public, max-age=31536000, immutable");
    expect(asset.headers["x-content-type-options"], asset.url).toBe("nosniff");
    expect(asset.headers.etag, asset.url).toMatch(/^"[A-Za-z0-9_-]+-br"$/);
  }
});

test("gzip for a client without Brotli, the file for one without either, and 304 for a copy it has", async ({ page, request }) => {
  await page.goto("/");
  const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  expect(script).toBeTruthy();
  const onDisk = fs.readFileSync(path.join(distDir, "static", script!.slice("/_next/static/".length)));

  const gzipped = await request.get(script!, { headers: { "accept-encoding": "gzip" } });
  expect(gzipped.headers()["content-encoding"]).toBe("gzip");
  expect((await gzipped.body()).equals(onDisk)).toBe(true);

  const plain = await request.get(script!, { headers: { "accept-encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
  expect(Number(plain.headers()["content-length"])).toBe(onDisk.length);
  expect((await plain.body()).equals(onDisk)).toBe(true);

  const again = await request.get(script!, { headers: { "accept-encoding": "gzip", "if-none-match": gzipped.headers().etag } });
  expect(again.status()).toBe(304);
});

test("the build left compressed copies beside its files, and a missing file is still Next's 404", async ({ request }) => {
  const chunks = fs.readdirSync(path.join(distDir, "static", "chunks"));
  const scripts = chunks.filter((name) => name.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(3);
  for (const name of scripts) {
    expect(chunks, name).toContain(`${name}.br`);
    expect(chunks, name).toContain(`${name}.gz`);
  }
  const missing = await request.get("/_next/static/chunks/not-a-chunk.js");
  expect(missing.status()).toBe(404);
});

test("the site's icons come from memory, cacheable for a day, as the files in app/", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator("link[rel='icon'][type='image/svg+xml']").getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg\?/);
  const svg = await request.get(href!);
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toBe("image/svg+xml");
  expect(svg.headers()["cache-control"]).toBe("public, max-age=86400");
  expect(svg.headers()["content-security-policy"]).toContain("sandbox");
  expect((await svg.body()).equals(fs.readFileSync("app/icon.svg"))).toBe(true);
  const again = await request.get(href!, { headers: { "if-none-match": svg.headers().etag } });
  expect(again.status()).toBe(304);
  const ico = await request.get("/favicon.ico");
  expect(ico.headers()["content-type"]).toBe("image/x-icon");
  expect((await ico.body()).equals(fs.readFileSync("app/favicon.ico"))).toBe(true);
});
