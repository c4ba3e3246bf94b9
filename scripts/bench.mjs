#!/usr/bin/env node
// Latency benchmark of the pages and API a visitor hits first. Reports numbers; asserts nothing.
//   npm start            (in one terminal: production build on the seeded embedded database)
//   npm run bench        (in another; BENCH_URL=http://127.0.0.1:3000 by default)
// Bounded: a fixed number of requests per target, only to the given loopback URL.
const base = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);

const host = new URL(base).hostname;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
  console.error("bench only targets this machine (127.0.0.1/localhost)");
  process.exit(1);
}

async function pickNumbers() {
  const home = await fetch(`${base}/`).then((r) => r.text());
  const found = [...home.matchAll(/href="\/numbers\/(%2B|\+)(\d{7,15})"/g)].map((m) => `+${m[2]}`);
  return [...new Set(found)].slice(0, 8);
}

async function measure(name, urls) {
  const times = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const url = urls[i % urls.length];
        const t0 = performance.now();
        try {
          // Distinct client addresses, as from many visitors, so per-address rate limits measure nothing
          // here. The app believes them only when its server trusts loopback as a proxy:
          // start it with TRUSTED_PROXIES=127.0.0.1,::1 (otherwise every request is one visitor).
          const response = await fetch(url, { redirect: "manual", headers: { "x-forwarded-for": `198.18.${(i >> 8) & 255}.${i & 255}` } });
          await response.arrayBuffer();
          if (response.status >= 500) errors++;
        } catch {
          errors++;
        }
        times.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
  return { target: name, requests: times.length, errors, "req/s": (times.length / elapsed).toFixed(0), "p50 ms": pct(50), "p95 ms": pct(95), "p99 ms": pct(99) };
}

const numbers = await pickNumbers();
if (numbers.length === 0) {
  console.error(`no numbers found on ${base}/ — is the app running with seeded data?`);
  process.exit(1);
}
const enc = (n) => encodeURIComponent(n);
const results = [];
results.push(await measure("GET /api/v1/numbers/{n}", numbers.map((n) => `${base}/api/v1/numbers/${enc(n)}`)));
results.push(await measure("GET /numbers/{n} (page)", numbers.map((n) => `${base}/numbers/${n}`)));
results.push(await measure("GET /api/v1/numbers/{unreported}", ["+61491570200", "+61491570201", "+12025550143"].map((n) => `${base}/api/v1/numbers/${enc(n)}`)));
results.push(await measure("GET /api/organisations/search?q=", ["health", "tax", "passp", "veterans", "harbour"].map((q) => `${base}/api/organisations/search?q=${q}`)));
results.push(await measure("GET /", [`${base}/`]));
console.table(results);
