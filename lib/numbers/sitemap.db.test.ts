import { expect, test } from "vitest";
import { db } from "../platform/db";
import { listSitemapFiles, listSitemapUrls, parseSitemapFileName, SITEMAP_FILE_SIZE, SITEMAP_FILE_STEP, sitemapFileName } from "./sitemap";

test("the sitemap is an index of files of at most 10,000 URLs that together list every eligible number once", async () => {
  // 20,500 numbers with two reports, 300 with one (left out), one hidden by a removal (left out).
  await db.$executeRawUnsafe(`
    INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "updatedAt")
    SELECT '+6129' || lpad(i::text, 7, '0'), 'AU', 'FIXED_LINE', CASE WHEN i < 20500 THEN 2 ELSE 1 END, now() FROM generate_series(0, 20799) AS i`);
  await db.phoneNumber.update({ where: { e164: "+61290000007" }, data: { contentHiddenAt: new Date() } });
  const files = await listSitemapFiles();
  const numberFiles = files.filter((file) => file.kind === "numbers");
  expect(numberFiles).toHaveLength(3);
  const seen: string[] = [];
  for (const file of numberFiles) {
    // The name round-trips, as the route handler reads it back.
    expect(parseSitemapFileName(sitemapFileName(file))).toEqual(file);
    const urls = await listSitemapUrls(file);
    expect(urls.length).toBeLessThanOrEqual(SITEMAP_FILE_SIZE);
    seen.push(...urls.map((url) => url.path));
  }
  expect(seen).toHaveLength(20_499);
  expect(new Set(seen).size).toBe(20_499);
  expect(seen).not.toContain("/numbers/+61290000007");
  expect(seen).not.toContain("/numbers/+61290020600");
  expect(parseSitemapFileName("numbers-%00.xml")).toBeNull();
  expect(parseSitemapFileName("../etc.xml")).toBeNull();
  expect(parseSitemapFileName("numbers-start~%2B1~%2B2.xml")).toBeNull();

  // An index is held for an hour while numbers keep arriving: 600 land inside the first file's range. Read through
  // the old index, every number is still in exactly one file (they were in none when a file was "10,000 after its start").
  await db.$executeRawUnsafe(`
    INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "updatedAt")
    SELECT '+612900001' || lpad(i::text, 3, '0') || '0', 'AU', 'FIXED_LINE', 2, now() FROM generate_series(0, 599) AS i`);
  const later: string[] = [];
  for (const file of numberFiles) {
    const urls = await listSitemapUrls(file);
    expect(urls.length).toBeLessThanOrEqual(SITEMAP_FILE_SIZE);
    later.push(...urls.map((url) => url.path));
  }
  expect(later).toHaveLength(20_499 + 600);
  expect(new Set(later).size).toBe(20_499 + 600);
  expect(numberFiles[0].until).not.toBeNull();
  expect(SITEMAP_FILE_STEP).toBeLessThan(SITEMAP_FILE_SIZE);
});

test("organisations: the active ones, not those proposed and not yet checked", async () => {
  await db.organisation.create({ data: { slug: "sitemap-active", name: "Sitemap Active", status: "ACTIVE" } });
  await db.organisation.create({ data: { slug: "sitemap-proposed", name: "Sitemap Proposed", status: "PROPOSED" } });
  const files = (await listSitemapFiles()).filter((file) => file.kind === "organisations");
  const paths = (await Promise.all(files.map((file) => listSitemapUrls(file)))).flat().map((url) => url.path);
  expect(paths).toContain("/organisations/sitemap-active");
  expect(paths).not.toContain("/organisations/sitemap-proposed");
});
