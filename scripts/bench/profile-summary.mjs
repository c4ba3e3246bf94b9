#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof): busy time by file and by function, inclusive (a
// function counts once per sample it is on the stack of), idle excluded.
//   node scripts/bench/profile-summary.mjs <file.cpuprofile> [function filter regexp] [rows]
import fs from "node:fs";
const prof = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const pattern = process.argv[3] ? new RegExp(process.argv[3]) : null;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incFile = new Map(), incFn = new Map(); let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const d = prof.timeDeltas[i] ?? 0; let id = prof.samples[i];
  if (byId.get(id).callFrame.functionName === "(idle)") continue;
  total += d;
  const files = new Set(), fns = new Set();
  while (id !== undefined) { const cf = byId.get(id).callFrame; const u = (cf.url || "").replace(/^.*node_modules\//, "nm:").replace(/^file:\/\/\/[^ ]*?\/(?=(lib|app|scripts|\.next)[^/]*\/)/, ""); files.add(u); fns.add(`${cf.functionName} ${u}:${cf.lineNumber}:${cf.columnNumber}`); id = parent.get(id); }
  for (const f of files) incFile.set(f, (incFile.get(f) ?? 0) + d);
  for (const f of fns) if (!pattern || pattern.test(f)) incFn.set(f, (incFn.get(f) ?? 0) + d);
}
const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key, t]) => `${(t / 1000).toFixed(0).padStart(7)} ms ${(100 * t / total).toFixed(1).padStart(5)}%  ${key}`).join("\n");
console.log(`busy ${(total/1e6).toFixed(2)} s\n--- inclusive by file ---\n${top(incFile, 40)}\n--- inclusive by fn ---\n${top(incFn, Number(process.argv[4] ?? 40))}`);
