#!/usr/bin/env node
// The load driver, in its own process (started by scripts/bench/index.mjs): autocannon against the
// app and the baseline in interleaved rounds after a warm-up, reads then writes, a ledger of every
// acknowledged write checked against the database, one table, JSON + Markdown in bench-results/.
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { benchShape } from "./shape.mjs";
import { jsPerPage } from "./js-size.mjs";

const { encode } = await import("next-auth/jwt");

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const size = Number(arg("size", "10000"));
const duration = Math.min(60, Math.max(1, Number(arg("duration", "5"))));
const rounds = Math.min(10, Math.max(1, Number(arg("rounds", "2"))));
const connections = Math.min(256, Math.max(1, Number(arg("connections", "16"))));
const APP = process.env.BENCH_APP;
const BASE = process.env.BENCH_BASE;
const label = process.env.BENCH_LABEL ?? String(size);
for (const target of [APP, BASE]) {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(target ?? "")) throw new Error(`loopback targets only, not ${target}`);
}
const shape = benchShape(size);
const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

// Start every run from the same rate-limit state (earlier runs' points would refuse writes): the members'
// and the driver's networks' (report-address keys are keyed hashes, not member ids). This is the bench's own database.
await db.query(`DELETE FROM "RateLimit"`);

const members = Array.from({ length: shape.members }, (_, i) => `bench-m-${i}`);
const cookieName = "authjs.session-token";
const cookies = await Promise.all(
  members.map(async (id) => {
    const token = await encode({ token: { sub: id, uid: id, role: "USER", name: id, email: `${id}@bench.invalid`, sv: 0 }, secret: process.env.BENCH_AUTH_SECRET, salt: cookieName });
    return `${cookieName}=${token}`;
  }),
);

// Staff (moderators), signed in the same way: their number pages are the kept copy too, and their /api/me also
// carries the texts only staff read. The bench's own database: made here if an earlier seed has none. As many
// as keep each under /api/me's 600 a minute per member at these rates.
const staff = Array.from({ length: 200 }, (_, i) => `bench-s-${i}`);
await db.query(
  `INSERT INTO "User" (id, email, name, role, "emailVerified", "createdAt", "updatedAt", "trustLevel")
   SELECT id, id || '@bench.invalid', 'Moderator ' || id, 'MODERATOR', now() - interval '60 days', now() - interval '60 days', now(), 'TL1'
     FROM unnest($1::text[]) id
   ON CONFLICT (id) DO NOTHING`,
  [staff],
);
const staffCookies = await Promise.all(
  staff.map(async (id) => {
    const token = await encode({ token: { sub: id, uid: id, role: "MODERATOR", name: id, email: `${id}@bench.invalid`, sv: 0 }, secret: process.env.BENCH_AUTH_SECRET, salt: cookieName });
    return `${cookieName}=${token}`;
  }),
);

let sequence = 0;
const tail = Array.from({ length: 200 }, (_, i) => shape.tailNumber(i * 37));
const enc = encodeURIComponent;
const get = (paths, extra = {}) => ({
  warm: paths,
  requests: [
    {
      setupRequest: (request) => ({ ...request, method: "GET", path: paths[sequence++ % paths.length], headers: { ...request.headers, "x-forwarded-for": `10.9.${sequence % 250}.${(sequence >> 8) % 250}`, ...extra.headers?.() } }),
    },
  ],
});

/**
 * A member's page view as their browser makes it: the page with their session and the member-view hint
 * (the kept copy visitors get), then GET /api/me for what is theirs on it (`parts`: the path, from the
 * page's). Two requests a view; the table counts views (perView).
 */
const memberView = (paths, parts, sessions = cookies) => ({
  // The kept page a member is sent is the visitors' copy: warmed as a visitor's.
  warm: paths,
  perView: 2,
  initialContext: {},
  requests: [
    {
      setupRequest: (request, context) => {
        context.at = sequence++;
        context.path = paths[context.at % paths.length];
        const cookie = `${sessions[context.at % sessions.length]}; callercheck-view=member`;
        return { ...request, method: "GET", path: context.path, headers: { ...request.headers, "x-forwarded-for": `10.9.${context.at % 250}.${(context.at >> 8) % 250}`, cookie } };
      },
    },
    {
      setupRequest: (request, context) => ({ ...request, method: "GET", path: parts(context.path), headers: { ...request.headers, cookie: sessions[context.at % sessions.length] } }),
    },
  ],
});
const numberParts = (pagePath) => `/api/me?number=${enc(decodeURIComponent(pagePath.slice("/numbers/".length)))}`;

/**
 * A visitor's whole view of a number page as Chromium makes it: the page, then a prefetch of each link of the
 * header it shows (its route tree, then its metadata: components/site-header.tsx's links, as
 * e2e/kept-payloads.spec.ts records them), each with the router headers and the `_rsc` hash Next's client sends.
 * The table counts views (perView).
 */
const { computeCacheBustingSearchParam } = await import("next/dist/shared/lib/router/utils/cache-busting-search-param.js");
const HEADER_LINKS = ["/", "/report", "/organisations", "/registry", "/signin", "/signup"];
const METADATA_ONLY_TREE = encodeURIComponent(JSON.stringify(["", {}, null, "metadata-only"]));
async function linkPrefetches(fromPath) {
  const asked = [];
  for (const link of HEADER_LINKS) {
    for (const headers of [
      { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree", "next-url": fromPath },
      { rsc: "1", "next-router-prefetch": "1", "next-router-state-tree": METADATA_ONLY_TREE, "next-url": fromPath },
    ]) {
      const hash = await computeCacheBustingSearchParam(headers["next-router-prefetch"], headers["next-router-segment-prefetch"], headers["next-router-state-tree"], headers["next-url"]);
      asked.push({ path: `${link}?_rsc=${hash}`, headers });
    }
  }
  return asked;
}
const tailPrefetches = new Map(await Promise.all(tail.map(async (n) => [`/numbers/${n}`, await linkPrefetches(`/numbers/${n}`)])));
const visitorView = (paths) => {
  const perView = 1 + tailPrefetches.get(paths[0]).length;
  return {
    warm: paths,
    perView,
    initialContext: {},
    requests: Array.from({ length: perView }, (_, step) => ({
      setupRequest: (request, context) => {
        if (step === 0) {
          context.at = sequence++;
          context.path = paths[context.at % paths.length];
          return { ...request, method: "GET", path: context.path, headers: { ...request.headers, "x-forwarded-for": `10.9.${context.at % 250}.${(context.at >> 8) % 250}` } };
        }
        const prefetch = tailPrefetches.get(context.path)[step - 1];
        return { ...request, method: "GET", path: prefetch.path, headers: { ...request.headers, ...prefetch.headers } };
      },
    })),
  };
};

/**
 * A new visitor's first view of a number page: the kept page, then every script and the stylesheet it names
 * (read from the first page's HTML; the same on every number page), asked for as Chromium asks (Brotli or gzip).
 * Nothing is in their browser's cache. The table counts views (perView).
 */
const firstPage = await (await fetch(`${APP}/numbers/${tail[0]}`)).text();
const pageAssets = [...new Set([...firstPage.matchAll(/<(?:script(?![^>]*\bnoModule\b)[^>]*\bsrc|link[^>]*\brel="stylesheet"[^>]*\bhref)="(\/_next\/static\/[^"]+)"/g)].map((match) => match[1]))];
const BROWSER_ENCODINGS = { "accept-encoding": "gzip, deflate, br, zstd" };
const newVisitorView = (paths) => ({
  warm: paths,
  perView: 1 + pageAssets.length,
  requests: [
    {
      setupRequest: (request) => ({ ...request, method: "GET", path: paths[sequence++ % paths.length], headers: { ...request.headers, ...BROWSER_ENCODINGS, "x-forwarded-for": `10.9.${sequence % 250}.${(sequence >> 8) % 250}` } }),
    },
    ...pageAssets.map((asset) => ({ setupRequest: (request) => ({ ...request, method: "GET", path: asset, headers: { ...request.headers, ...BROWSER_ENCODINGS } }) })),
  ],
});

const reads = [
  { name: "lookup API", app: get(tail.map((n) => `/api/v1/numbers/${enc(n)}`)), base: get(tail.map((n) => `/api/v1/numbers/${enc(n)}`)) },
  { name: "number page (visitor)", app: get(tail.map((n) => `/numbers/${n}`)), base: get(tail.map((n) => `/numbers/${enc(n)}`)) },
  // The same visitor's browser: the page and the header links' prefetches (12), one view; the baseline serves the page.
  { name: "number page (visitor: page + link prefetches)", app: visitorView(tail.map((n) => `/numbers/${n}`)), base: get(tail.map((n) => `/numbers/${enc(n)}`)) },
  // A new visitor's browser, nothing cached: the page, its scripts and its stylesheet, one view; the baseline serves the page.
  { name: "number page (new visitor: page + scripts + stylesheet)", app: newVisitorView(tail.map((n) => `/numbers/${n}`)), base: get(tail.map((n) => `/numbers/${enc(n)}`)) },
  // A member's view: the kept page and their parts (GET /api/me), as their browser asks once it has the hint.
  {
    name: "number page (signed in: page + /api/me)",
    app: memberView(tail.map((n) => `/numbers/${n}`), numberParts),
    base: get(tail.map((n) => `/numbers/${enc(n)}`)),
  },
  // A moderator's view: the same kept page, and their parts with the texts only staff read.
  {
    name: "number page (staff: page + /api/me)",
    app: memberView(tail.map((n) => `/numbers/${n}`), numberParts, staffCookies),
    base: get(tail.map((n) => `/numbers/${enc(n)}`)),
  },
  // Rendered for the request: a signed-in browser without the hint (a session from before signing in set it,
  // or a sign-in whose answer could not set it), until its first GET /api/me sets it.
  {
    name: "number page (signed in, rendered)",
    app: get(tail.map((n) => `/numbers/${n}`), { headers: () => ({ cookie: cookies[sequence % cookies.length] }) }),
    base: get(tail.map((n) => `/numbers/${enc(n)}`)),
  },
  { name: "popular number API (3,000 votes)", app: get([`/api/v1/numbers/${enc(shape.popularNumber)}`]), base: get([`/api/v1/numbers/${enc(shape.popularNumber)}`]) },
  { name: "popular number page", app: get([`/numbers/${shape.popularNumber}`]), base: get([`/numbers/${enc(shape.popularNumber)}`]) },
  { name: "hot number page (many reports)", app: get([`/numbers/${shape.hotNumber}`]), base: get([`/numbers/${enc(shape.hotNumber)}`]) },
  { name: "organisation page", app: get([`/organisations/${shape.orgSlug}`]), base: get([`/organisations/${shape.orgSlug}`]) },
  {
    name: "organisation page (signed in: page + /api/me)",
    app: memberView([`/organisations/${shape.orgSlug}`], () => `/api/me?organisation=${enc(shape.orgId)}`),
    base: get([`/organisations/${shape.orgSlug}`]),
  },
  { name: "registry", app: get(["/registry"]), base: get(["/registry"]) },
  { name: "registry (signed in: page + /api/me)", app: memberView(["/registry"], () => "/api/me"), base: get(["/registry"]) },
  { name: "sitemap index", app: get(["/sitemap.xml"]), base: get(["/sitemap.xml"]) },
  { name: "home", app: get(["/"]), base: get(["/"]) },
];

// Writes: each acknowledged one goes in the ledger, checked against the database afterwards.
const ledger = { reports: [], votes: new Map(), refused: 0, samples: new Map() };
/** Keeps one example answer per kind of refusal, so the table can say why writes were refused. */
function refused(kind, status, body) {
  ledger.refused++;
  const text = String(body ?? "").replace(/\s+/g, " ");
  const message = /"message":"([^"]{0,160})/.exec(text)?.[1] ?? text.slice(0, 160);
  const key = `${kind} ${status}: ${message}`;
  ledger.samples.set(key, (ledger.samples.get(key) ?? 0) + 1);
}
/**
 * The member who writes request i: the app's writes come from even-numbered members, the baseline's from
 * odd ones (both sides write to the same database), so the ledger sees only what the app stored.
 */
function writer(i, side) {
  const m = (2 * i + (side === "app" ? 0 : 1)) % members.length;
  return { m, member: members[m] };
}
/** A member's write as their browser sends it to a route handler (lib/platform/send-json.ts). */
function jsonRequest(request, { path: routePath, body, m, i, subnet }) {
  return {
    ...request,
    method: "POST",
    path: routePath,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", accept: "application/json", origin: APP, cookie: cookies[m], "x-forwarded-for": `10.${subnet}.${i % 250}.${(i >> 8) % 250}` },
  };
}
function reportWrites(side) {
  return {
    requests: [
      {
        setupRequest: (request, context) => {
          const i = sequence++;
          const { m, member } = writer(i, side);
          const key = `bench-${side}-${i}-${Math.random().toString(36).slice(2, 8)}`;
          const number = shape.tailNumber(i * 101);
          context.key = key;
          if (side === "base") return { ...request, method: "POST", path: "/report", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: member, e164: number, key }) };
          // As the report form sends it when JavaScript runs (report-form.tsx → app/api/reports): JSON to the route handler.
          return jsonRequest(request, { path: "/api/reports", body: { number, occurredAt: "", channel: "CALL", category: "SCAM", askedFor: [], idempotencyKey: key }, m, i, subnet: 8 });
        },
        onResponse: (status, body, context) => {
          if (status === 200 && /"ok":true/.test(body ?? "")) ledger.reports.push({ side, key: context.key });
          else if (side === "app") refused("report", status, body);
        },
      },
    ],
  };
}
function voteWrites(side) {
  return {
    requests: [
      {
        setupRequest: (request, context) => {
          const i = sequence++;
          const { m, member } = writer(i, side);
          const legitimate = Math.floor(i / members.length) % 2 === 0;
          context.member = member;
          if (side === "base") return { ...request, method: "POST", path: "/vote", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: member, claimId: "bench-popular", legitimate }) };
          // As the vote panel sends it (claim-vote.tsx → app/api/votes): JSON to the route handler.
          return jsonRequest(request, { path: "/api/votes", body: { claimId: "bench-popular", legitimate }, m, i, subnet: 7 });
        },
        onResponse: (status, body, context) => {
          const ok = status === 200 && /"ok":true/.test(body ?? "");
          if (ok && side === "app") ledger.votes.set(context.member, true);
          else if (!ok && side === "app") refused("vote", status, body);
        },
      },
    ],
  };
}

async function run(url, options, seconds) {
  const result = await new Promise((resolve, reject) => {
    const { perView: _perView, warm: _warm, ...autocannonOptions } = options;
    autocannon({ url, connections, duration: seconds, timeout: 30, ...autocannonOptions }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  await settle();
  return result;
}

/**
 * Waits (up to 15 s) until no statement of the run just ended is still going in the database: a round's
 * requests end when autocannon stops, but a slow statement they started runs on (the baseline's sitemap at
 * 1M: 2 s each) and would be measured against the next side's round.
 */
async function settle() {
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()`);
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Asks for each distinct page of a row once, 8 at a time, before its rounds: a page's first request renders it
 * (and keeps it, where it may be kept), and the rounds measure the steady state a crowd meets, not the first
 * render of each of the tail's 200 numbers, which on a slow machine filled whole rounds (the rendered row
 * measures what a render costs). Both sides get the same pass.
 */
async function warm(target, paths = []) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < paths.length) {
        const at = next++;
        const response = await fetch(new URL(paths[at], target), { headers: { "x-forwarded-for": `10.8.${at % 250}.${(at >> 8) % 250}` } });
        await response.arrayBuffer();
      }
    }),
  );
  await settle();
}

async function measure(name, appOptions, baseOptions) {
  // Each page once, a warm-up (neither counted), then app and baseline alternately, round after round.
  await warm(APP, appOptions.warm);
  await warm(BASE, baseOptions.warm);
  await run(APP, appOptions, 2);
  await run(BASE, baseOptions, 2);
  const app = [];
  const base = [];
  for (let round = 0; round < rounds; round++) {
    app.push(await run(APP, appOptions, duration));
    base.push(await run(BASE, baseOptions, duration));
  }
  const mean = (list, pick) => list.reduce((sum, item) => sum + pick(item), 0) / list.length;
  const summary = (list) => ({
    rps: mean(list, (r) => r.requests.average),
    p50: mean(list, (r) => r.latency.p50),
    p99: mean(list, (r) => r.latency.p99),
    errors: list.reduce((sum, r) => sum + r.errors + r.timeouts + (r.non2xx ?? 0), 0),
    requests: list.reduce((sum, r) => sum + r.requests.total, 0),
  });
  // A member's view is two requests (memberView): its rate is views a second.
  const perView = (options) => (list) => {
    const result = summary(list);
    return { ...result, rps: result.rps / (options.perView ?? 1), ...(options.perView ? { perView: options.perView } : {}) };
  };
  const row = { name, app: perView(appOptions)(app), base: perView(baseOptions)(base) };
  // Each round's rate, and its slowest and fastest second: a spread here is the machine (or a stall), not the mean.
  const spread = (list) => list.map((r) => `${r.requests.average.toFixed(0)} [${r.requests.min}–${r.requests.max}]`).join(", ");
  console.info(`[bench] ${name}: app ${row.app.rps.toFixed(0)} req/s (p99 ${row.app.p99} ms; rounds ${spread(app)}), baseline ${row.base.rps.toFixed(0)} req/s (p99 ${row.base.p99} ms; rounds ${spread(base)})`);
  return row;
}

// --only lookup,report: just the targets whose names contain one of these words (for profiling a path).
const only = arg("only", "").split(",").map((word) => word.trim().toLowerCase()).filter(Boolean);
const wanted = (name) => only.length === 0 || only.some((word) => name.toLowerCase().includes(word));
const rows = [];
for (const target of reads) if (wanted(target.name)) rows.push(await measure(target.name, target.app, target.base));
if (wanted("report submissions")) rows.push(await measure("report submissions", reportWrites("app"), reportWrites("base")));
if (wanted("votes on the popular number")) rows.push(await measure("votes on the popular number", voteWrites("app"), voteWrites("base")));

// The ledger: every acknowledged write must be in the database.
const appKeys = ledger.reports.filter((entry) => entry.side === "app").map((entry) => entry.key);
const stored = (await db.query(`SELECT count(*)::int AS n FROM "Report" WHERE "idempotencyKey" = ANY($1::text[])`, [appKeys])).rows[0].n;
const voters = [...ledger.votes.keys()];
const votesStored = (await db.query(`SELECT count(*)::int AS n FROM "Vote" WHERE "claimId" = 'bench-popular' AND "userId" = ANY($1::text[])`, [voters])).rows[0].n;
const counters = (await db.query(
  `SELECT c."legitVotes" + c."notLegitVotes" AS kept, (SELECT count(*)::int FROM "Vote" v WHERE v."claimId" = c.id) AS rows FROM "Claim" c WHERE c.id = 'bench-popular'`,
)).rows[0];
const ledgerResult = {
  reportsAcknowledged: appKeys.length,
  reportsStored: stored,
  votersAcknowledged: voters.length,
  votersStored: votesStored,
  voteCountersEqualRows: counters.kept === counters.rows,
  writesRefused: ledger.refused,
};
const ledgerOk = stored === appKeys.length && votesStored === voters.length && ledgerResult.voteCountersEqualRows;
console.info(`[bench] ledger: ${JSON.stringify(ledgerResult)} → ${ledgerOk ? "every acknowledged write is stored" : "MISSING WRITES"}`);

const js = await jsPerPage(APP, [
  ["/", "home"],
  [`/numbers/${shape.popularNumber}`, "number"],
  ["/report", "report"],
  [`/organisations/${shape.orgSlug}`, "organisation"],
  ["/registry", "registry"],
  ["/organisations", "organisations"],
]);

// Ratio 1M/10k: against the latest run of the other size, when there is one.
const outDir = path.resolve("bench-results");
fs.mkdirSync(outDir, { recursive: true });
const other = label === "1m" ? "10k" : "1m";
const otherFile = path.join(outDir, `latest-${other}.json`);
const otherRows = fs.existsSync(otherFile) ? JSON.parse(fs.readFileSync(otherFile, "utf8")).rows : null;
const growth = (name, rps) => {
  const match = otherRows?.find((row) => row.name === name);
  if (!match) return "—";
  const [small, large] = label === "1m" ? [match.app.rps, rps] : [rps, match.app.rps];
  // A side where no request completed inside a round has no rate to compare.
  return small > 0 && large > 0 ? `${(small / large).toFixed(2)}×` : "—";
};
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const header = `| target | app req/s | p50 ms | p99 ms | baseline req/s | baseline p99 ms | app/baseline req/s | p99 vs baseline | 1M/10k slower | errors |`;
const lines = [header, `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`];
for (const row of rows) {
  lines.push(
    `| ${row.name} | ${fmt(row.app.rps)} | ${row.app.p50} | ${row.app.p99} | ${fmt(row.base.rps)} | ${row.base.p99} | ${(row.app.rps / row.base.rps).toFixed(2)}× | ${row.app.p99 > 0 ? `${(row.app.p99 / Math.max(1, row.base.p99)).toFixed(1)}×` : "—"} | ${growth(row.name, row.app.rps)} | ${row.app.errors} |`,
  );
}
const jsLines = [
  "| page | JavaScript (gzipped) | as sent (Brotli) | scripts | noModule polyfills (not fetched by current browsers) | 404s |",
  "|---|---:|---:|---:|---:|---:|",
  ...js.map((p) => `| ${p.name} | ${(p.gzipBytes / 1024).toFixed(1)} kB | ${(p.brotliBytes / 1024).toFixed(1)} kB | ${p.scripts} | ${(p.legacyGzipBytes / 1024).toFixed(1)} kB | ${p.notFound} |`),
];
const when = new Date().toISOString();
const markdown = [
  `### Benchmark, ${label} reports (${when.slice(0, 16)} UTC)`,
  "",
  `${connections} connections, ${rounds} rounds of ${duration} s per side after each distinct page is asked for once and a 2 s warm-up; ${process.env.WEB_CONCURRENCY ?? 1} server process(es) per side (WEB_CONCURRENCY), pool ${process.env.DB_POOL_SIZE ?? 10} each; page cache lifetime ${process.env.PAGE_CACHE_SECONDS ?? process.env.DATA_CACHE_SECONDS ?? 5} s, data cache ${process.env.DATA_CACHE_SECONDS ?? 5} s.`,
  "",
  ...lines,
  "",
  `Ledger: ${appKeys.length} acknowledged reports, ${stored} stored; ${voters.length} members with an acknowledged vote, ${votesStored} stored; vote counters ${ledgerResult.voteCountersEqualRows ? "equal" : "DIFFER FROM"} the rows; ${ledger.refused} writes refused or failed.`,
  ...[...ledger.samples].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([why, count]) => `- ${count} × ${why}`),
  "",
  ...jsLines,
  "",
].join("\n");
console.info(`\n${markdown}`);
const result = { label, size, when, connections, rounds, duration, processes: Number(process.env.WEB_CONCURRENCY ?? 1), rows, ledger: ledgerResult, js };
const stamp = when.replace(/[:.]/g, "-");
// A partial run (--only) is kept under its own name and never becomes the latest table.
const kind = only.length ? `partial-${label}` : label;
fs.writeFileSync(path.join(outDir, `${kind}-${stamp}.json`), JSON.stringify(result, null, 2));
fs.writeFileSync(path.join(outDir, `${kind}-${stamp}.md`), markdown);
if (!only.length) {
  fs.writeFileSync(path.join(outDir, `latest-${label}.json`), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(outDir, `latest-${label}.md`), markdown);
}
await db.end();
process.exit(ledgerOk ? 0 : 1);
