// The benchmark's raw baseline: node:http + pg with the app's pool size, the same reads per request
// as the app's pages and API, and the same pure rules (lib/trust/*) for a verdict; HTML from template
// strings. What the app costs on top of this is Next.js, React, Prisma and our own code.
//   DATABASE_URL=… BASELINE_PORT=… tsx scripts/bench/baseline.ts
import cluster from "node:cluster";
import http from "node:http";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { keptLegitimacy } from "../../lib/trust/kept";
import { verdictFor, type Legitimacy } from "../../lib/trust/rules";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const port = Number(process.env.BASELINE_PORT ?? 3999);

const esc = (text: unknown) => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><meta name="description" content="${esc(title)}"></head><body>${body}</body></html>`;

type ClaimRow = { id: string; status: string; legitScaled: number; notLegitScaled: number; legitVotes: number; notLegitVotes: number; name: string | null; slug: string | null; officialPhone: string | null; verifiedNumberCount: number | null };

async function numberData(e164: string, reports: number) {
  const [row, categories, claims, latest, weeks, contact] = await Promise.all([
    pool.query(`SELECT "reportCount", "reporterCount", "commentCount", "firstReportedAt", "lastReportedAt", "contentHiddenAt" FROM "PhoneNumber" WHERE e164 = $1`, [e164]),
    pool.query(`SELECT category, reports, reporters FROM "NumberCategoryStat" WHERE e164 = $1`, [e164]),
    pool.query<ClaimRow>(
      `SELECT c.id, c.status, c."legitScaled", c."notLegitScaled", c."legitVotes", c."notLegitVotes", o.name, o.slug, o."officialPhone", o."verifiedNumberCount"
         FROM "Claim" c LEFT JOIN "Organisation" o ON o.id = c."organisationId" WHERE c.e164 = $1`,
      [e164],
    ),
    reports > 0
      ? pool.query(`SELECT id, "occurredAt", category, body FROM "Report" WHERE e164 = $1 AND "hiddenAt" IS NULL ORDER BY "occurredAt" DESC, id DESC LIMIT ${reports}`, [e164])
      : Promise.resolve({ rows: [] }),
    reports > 0 ? pool.query(`SELECT "weekStart", reports FROM "NumberWeekStat" WHERE e164 = $1 ORDER BY "weekStart"`, [e164]) : Promise.resolve({ rows: [] }),
    pool.query(
      `SELECT o.name, o.slug, o."officialPhone" FROM "Organisation" o
        WHERE o.status = 'ACTIVE' AND (o."officialPhone" = $1 OR EXISTS (SELECT 1 FROM "OrganisationContactNumber" n WHERE n."organisationId" = o.id AND n.e164 = $1))
        ORDER BY o."reportCount" DESC, o.name LIMIT 1`,
      [e164],
    ),
  ]);
  const now = new Date();
  const parts = claims.rows.map((claim) => keptLegitimacy(claim, now));
  const votes: Legitimacy = parts.reduce(
    (sum, part) => ({ ...sum, legitWeight: sum.legitWeight + part.legitWeight, notLegitWeight: sum.notLegitWeight + part.notLegitWeight }),
    { legitWeight: 0, notLegitWeight: 0, total: 0, legitBound: 0, notLegitBound: 0 },
  );
  const reportersByCategory = Object.fromEntries(categories.rows.map((r) => [r.category, r.reporters]));
  const verified = claims.rows.find((claim) => claim.status === "VERIFIED" && claim.name);
  const claimed = verified ? undefined : claims.rows.find((claim) => claim.status !== "VERIFIED" && claim.name);
  const official = contact.rows[0];
  const ref = (claim: ClaimRow) => ({ organisationName: claim.name!, organisationSlug: claim.slug!, officialPhone: claim.officialPhone });
  const verdict = verdictFor({
    verified: verified ? ref(verified) : null,
    claimed: claimed
      ? { ...ref(claimed), hasVerifiedList: (claimed.verifiedNumberCount ?? 0) > 0, rejected: claimed.status === "REJECTED", votes: keptLegitimacy(claimed, now) }
      : null,
    officialContact: official ? { organisationName: official.name, organisationSlug: official.slug, officialPhone: official.officialPhone } : null,
    unsafeReports: reportersByCategory.LEGITIMATE_UNSAFE ?? 0,
    votes,
    reportersByCategory,
  });
  return { e164, counts: row.rows[0] ?? null, verdict, claims: claims.rows, latest: latest.rows, weeks: weeks.rows };
}

async function organisationPage(slug: string): Promise<string | null> {
  const org = (await pool.query(`SELECT id, name, "reportCount", "verifiedNumberCount" FROM "Organisation" WHERE slug = $1`, [slug])).rows[0];
  if (!org) return null;
  const [verified, claimed, total, categories, asked, recent] = await Promise.all([
    pool.query(`SELECT id, e164, "verifiedAt" FROM "Claim" WHERE "organisationId" = $1 AND status = 'VERIFIED' ORDER BY "verifiedAt" DESC, id DESC LIMIT 51`, [org.id]),
    pool.query(`SELECT id, e164, "reportCount" FROM "Claim" WHERE "organisationId" = $1 AND status <> 'VERIFIED' ORDER BY "reportCount" DESC, "updatedAt" DESC, id DESC LIMIT 51`, [org.id]),
    pool.query(`SELECT count(*)::int AS n FROM "Claim" WHERE "organisationId" = $1 AND status <> 'VERIFIED'`, [org.id]),
    pool.query(`SELECT category, reports FROM "OrganisationCategoryStat" WHERE "organisationId" = $1`, [org.id]),
    pool.query(`SELECT "askedFor", reports FROM "OrganisationAskedStat" WHERE "organisationId" = $1 ORDER BY reports DESC`, [org.id]),
    pool.query(`SELECT id, e164, category, body FROM "Report" WHERE "organisationId" = $1 AND "hiddenAt" IS NULL ORDER BY "createdAt" DESC LIMIT 10`, [org.id]),
  ]);
  const list = (rows: { e164: string }[]) => `<ul>${rows.slice(0, 50).map((r) => `<li><a href="/numbers/${esc(r.e164)}">${esc(r.e164)}</a></li>`).join("")}</ul>`;
  return page(
    org.name,
    `<h1>${esc(org.name)}</h1><p>${org.reportCount} reports, ${total.rows[0].n} claimed numbers</p>${list(verified.rows)}${list(claimed.rows)}` +
      `<ul>${categories.rows.map((r) => `<li>${esc(r.category)} ${r.reports}</li>`).join("")}</ul><ul>${asked.rows.map((r) => `<li>${esc(r.askedFor)} ${r.reports}</li>`).join("")}</ul>` +
      `<ul>${recent.rows.map((r) => `<li>${esc(r.e164)} ${esc(r.category)} ${esc(r.body)}</li>`).join("")}</ul>`,
  );
}

async function registryPage(): Promise<string> {
  const [rows, total] = await Promise.all([
    pool.query(
      `SELECT c.id, c.e164, o.name, o.slug, c."evidenceMethod", c."verifiedAt" FROM "Claim" c JOIN "Organisation" o ON o.id = c."organisationId"
        WHERE c.status = 'VERIFIED' AND o.status <> 'MERGED' ORDER BY o.name, c.e164 LIMIT 61`,
    ),
    pool.query(`SELECT count(*)::int AS n FROM "Claim" c JOIN "Organisation" o ON o.id = c."organisationId" WHERE c.status = 'VERIFIED' AND o.status <> 'MERGED'`),
  ]);
  return page("Verified registry", `<p>${total.rows[0].n} verified numbers</p><ul>${rows.rows.slice(0, 60).map((r) => `<li>${esc(r.e164)} <a href="/organisations/${esc(r.slug)}">${esc(r.name)}</a> ${esc(r.evidenceMethod)}</li>`).join("")}</ul>`);
}

async function sitemapIndex(): Promise<string> {
  const rows = await pool.query(
    `SELECT lag_key AS after FROM (SELECT e164, row_number() OVER (ORDER BY e164) AS n, lag(e164) OVER (ORDER BY e164) AS lag_key FROM "PhoneNumber" WHERE "reportCount" >= 2 AND "contentHiddenAt" IS NULL) t WHERE (n - 1) % 10000 = 0 ORDER BY n`,
  );
  const orgs = await pool.query(`SELECT lag_key AS after FROM (SELECT slug, row_number() OVER (ORDER BY slug) AS n, lag(slug) OVER (ORDER BY slug) AS lag_key FROM "Organisation" WHERE status = 'ACTIVE') t WHERE (n - 1) % 10000 = 0`);
  const items = [...rows.rows.map((r) => `numbers-${encodeURIComponent(r.after ?? "start")}`), ...orgs.rows.map((r) => `organisations-${encodeURIComponent(r.after ?? "start")}`)];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${items.map((i) => `<sitemap><loc>http://127.0.0.1/sitemaps/${i}.xml</loc></sitemap>`).join("")}</sitemapindex>`;
}

async function homePage(): Promise<string> {
  const [top, recent, counts] = await Promise.all([
    pool.query(`SELECT e164, "reportCount" FROM "PhoneNumber" WHERE "reportCount" > 0 ORDER BY "reportCount" DESC, "lastReportedAt" DESC LIMIT 8`),
    pool.query(`SELECT r.id, r.e164, r.category FROM "Report" r JOIN "PhoneNumber" p ON p.e164 = r.e164 WHERE r."hiddenAt" IS NULL AND p."contentHiddenAt" IS NULL ORDER BY r."createdAt" DESC LIMIT 8`),
    pool.query(`SELECT (SELECT reltuples::bigint FROM pg_class WHERE relname = 'PhoneNumber') AS numbers, (SELECT count(*) FROM "Organisation" WHERE status = 'ACTIVE') AS organisations, (SELECT count(*) FROM "Claim" WHERE status = 'VERIFIED') AS verified`),
  ]);
  return page("Who called you?", `<form action="/lookup"><input name="q"></form><p>${counts.rows[0].numbers} numbers</p><ul>${top.rows.map((r) => `<li>${esc(r.e164)} ${r.reportCount}</li>`).join("")}</ul><ul>${recent.rows.map((r) => `<li>${esc(r.e164)} ${esc(r.category)}</li>`).join("")}</ul>`);
}

/** A report: the same statements the app's createReport runs (rate limit, number, reporter, report, counters). */
async function writeReport(input: { userId: string; e164: string; key: string }) {
  const client = await pool.connect();
  try {
    await client.query(
      `INSERT INTO "RateLimit" (key, points, expire) VALUES ($1, 1, now() + interval '1 day') ON CONFLICT (key) DO UPDATE SET points = "RateLimit".points + 1`,
      [`bench-base-report:${input.userId}`],
    );
    await client.query("BEGIN");
    await client.query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', 1, now()) ON CONFLICT (e164) DO UPDATE SET "reportCount" = "PhoneNumber"."reportCount" + 1`, [input.e164]);
    await client.query(`UPDATE "User" SET "visibleReportCount" = "visibleReportCount" + 1 WHERE id = $1`, [input.userId]);
    const id = `bb${randomBytes(10).toString("hex")}`;
    await client.query(
      `INSERT INTO "Report" (id, e164, "reporterId", "occurredAt", channel, category, "askedFor", "idempotencyKey", "createdAt") VALUES ($1, $2, $3, now(), 'CALL', 'SCAM', '{}', $4, now())`,
      [id, input.e164, input.userId, input.key],
    );
    const previous = await client.query(`SELECT category FROM "NumberReporter" WHERE e164 = $1 AND "userId" = $2`, [input.e164, input.userId]);
    await client.query(
      `INSERT INTO "NumberReporter" (e164, "userId", category, reports, "lastReportedAt") VALUES ($1, $2, 'SCAM', 1, now()) ON CONFLICT (e164, "userId") DO UPDATE SET reports = "NumberReporter".reports + 1`,
      [input.e164, input.userId],
    );
    await client.query(`INSERT INTO "NumberCategoryStat" (e164, category, reports, reporters) VALUES ($1, 'SCAM', 1, $2) ON CONFLICT (e164, category) DO UPDATE SET reports = "NumberCategoryStat".reports + 1`, [input.e164, previous.rowCount ? 0 : 1]);
    await client.query(`INSERT INTO "NumberWeekStat" (e164, "weekStart", reports) VALUES ($1, date_trunc('week', now())::date, 1) ON CONFLICT (e164, "weekStart") DO UPDATE SET reports = "NumberWeekStat".reports + 1`, [input.e164]);
    await client.query(`UPDATE "PhoneNumber" SET "lastReportedAt" = now() WHERE e164 = $1`, [input.e164]);
    await client.query("COMMIT");
    return { ok: true, id };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A vote: rate limit, then lock the voter, read their vote, write vote and claim counters. */
async function writeVote(input: { userId: string; claimId: string; legitimate: boolean }) {
  const client = await pool.connect();
  try {
    await client.query(
      `INSERT INTO "RateLimit" (key, points, expire) VALUES ($1, 1, now() + interval '1 day') ON CONFLICT (key) DO UPDATE SET points = "RateLimit".points + 1`,
      [`bench-base-vote:${input.userId}`],
    );
    await client.query("BEGIN");
    await client.query(`SELECT "trustLevel" FROM "User" WHERE id = $1 FOR NO KEY UPDATE`, [input.userId]);
    const before = (await client.query(`SELECT legitimate FROM "Vote" WHERE "claimId" = $1 AND "userId" = $2`, [input.claimId, input.userId])).rows[0];
    if (before?.legitimate !== input.legitimate) {
      const plus = input.legitimate ? `"legitVotes"` : `"notLegitVotes"`;
      const minus = input.legitimate ? `"notLegitVotes"` : `"legitVotes"`;
      await client.query(
        `WITH v AS (INSERT INTO "Vote" (id, "claimId", "userId", legitimate, weight, "updatedAt") VALUES ($1, $2, $3, $4, 1, now())
                    ON CONFLICT ("claimId", "userId") DO UPDATE SET legitimate = EXCLUDED.legitimate, "updatedAt" = now())
         UPDATE "Claim" SET ${plus} = ${plus} + 1${before ? `, ${minus} = ${minus} - 1` : ""} WHERE id = $2`,
        [`bv${randomBytes(10).toString("hex")}`, input.claimId, input.userId, input.legitimate],
      );
    }
    await client.query("COMMIT");
    return { ok: true };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
      if (body.length > 10_000) request.destroy();
    });
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

const server = http.createServer(async (request, response) => {
  const send = (status: number, type: string, body: string) => {
    response.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
    response.end(body);
  };
  try {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const parts = url.pathname.split("/").map((part) => decodeURIComponent(part));
    if (url.pathname === "/health") return send(200, "application/json", `{"status":"ok"}`);
    if (request.method === "POST" && url.pathname === "/report") return send(200, "application/json", JSON.stringify(await writeReport(JSON.parse(await readBody(request)))));
    if (request.method === "POST" && url.pathname === "/vote") return send(200, "application/json", JSON.stringify(await writeVote(JSON.parse(await readBody(request)))));
    if (parts[1] === "api" && parts[3] === "numbers" && parts[4]) return send(200, "application/json", JSON.stringify(await numberData(parts[4], 0)));
    if (parts[1] === "numbers" && parts[2]) {
      const data = await numberData(parts[2], 10);
      return send(200, "text/html; charset=utf-8", page(`${data.e164}: ${data.verdict.kind}`, `<h1>${esc(data.e164)}</h1><p>${esc(data.verdict.kind)}</p><ul>${data.latest.map((r) => `<li>${esc(r.category)} ${esc(r.body)}</li>`).join("")}</ul><p>${data.weeks.length} weeks</p>`));
    }
    if (parts[1] === "organisations" && parts[2]) {
      const html = await organisationPage(parts[2]);
      return html ? send(200, "text/html; charset=utf-8", html) : send(404, "text/plain", "not found");
    }
    if (url.pathname === "/registry") return send(200, "text/html; charset=utf-8", await registryPage());
    if (url.pathname === "/sitemap.xml") return send(200, "application/xml", await sitemapIndex());
    if (url.pathname === "/") return send(200, "text/html; charset=utf-8", await homePage());
    return send(404, "text/plain", "not found");
  } catch (error) {
    console.error(error);
    return send(500, "text/plain", "error");
  }
});
// As many processes as the app runs (WEB_CONCURRENCY, scripts/server/cluster.mjs), each with its own pool.
const processes = Number(process.env.WEB_CONCURRENCY ?? 1) || 1;
if (cluster.isPrimary && processes > 1) {
  for (let i = 0; i < processes; i++) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  server.listen(port, "127.0.0.1", () => console.info(`[baseline] on ${port}`));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => pool.end().then(() => process.exit(0))));
