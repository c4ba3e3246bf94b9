#!/usr/bin/env node
// CPU per request, for profiling (not part of `npm run bench`): drives a running production server
// with autocannon (4 connections, <seconds> per target) and divides the server process's CPU time
// (user + system, from /proc/<pid>/stat) by the requests it answered.
//   AUTH_SECRET=<the server's> node scripts/bench/cpu-per-request.mjs <server pid> http://127.0.0.1:<port> [seconds]
//   TARGETS=api,page,pagein,home,org,registry (default: all) — on the benchmark's data (--size 10k).
// With `node --cpu-prof scripts/server.mjs`, scripts/bench/profile-summary.mjs reads the profile it writes.
import autocannon from "autocannon";
import fs from "node:fs";
import { encode } from "next-auth/jwt";
const [pid, base, secs = "6"] = process.argv.slice(2);
if (!/^\d+$/.test(pid ?? "") || !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(base ?? "")) {
  console.error("usage: node scripts/bench/cpu-per-request.mjs <server pid> http://127.0.0.1:<port> [seconds]");
  process.exit(1);
}
const cpu = () => { const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
const token = await encode({ token: { sub: "bench-m-1", uid: "bench-m-1", role: "USER", name: "bench-m-1", email: "bench-m-1@bench.invalid" }, secret: process.env.AUTH_SECRET, salt: "authjs.session-token" });
let seq = 0;
const tail = Array.from({ length: 200 }, (_, i) => `+614${String(10_000_000 + ((i * 37) % 3000)).padStart(8, "0")}`);
const targets = (process.env.TARGETS ?? "api,page,pagein,home,org,registry").split(",");
const defs = {
  api: () => `/api/v1/numbers/${encodeURIComponent(tail[seq++ % 200])}`,
  page: () => `/numbers/${tail[seq++ % 200]}`,
  pagein: () => `/numbers/${tail[seq++ % 200]}`,
  home: () => "/",
  org: () => "/organisations/bench-mega-bank",
  registry: () => "/registry",
};
for (const t of targets) {
  const c0 = cpu();
  const r = await new Promise((res, rej) => autocannon({ url: base, connections: 4, duration: Number(secs), requests: [{ setupRequest: (req) => ({ ...req, path: defs[t](), headers: { ...req.headers, "x-forwarded-for": `10.3.${seq % 250}.${(seq >> 8) % 250}`, ...(t === "pagein" ? { cookie: `authjs.session-token=${token}` } : {}) } }) }] }, (e, r) => (e ? rej(e) : res(r))));
  const c1 = cpu();
  const n = r.requests.total;
  console.log(`${t.padEnd(9)} ${r.requests.average.toFixed(0).padStart(5)} req/s p50 ${r.latency.p50} p99 ${r.latency.p99}  cpu/req ${((c1 - c0) / n).toFixed(1)} ms  non2xx ${r.non2xx} errors ${r.errors}`);
}
