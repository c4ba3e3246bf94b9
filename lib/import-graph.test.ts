import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// The layering the README promises, checked against the source: app/ → lib/<domain>/ → lib/platform/,
// the README's "which domain may use which" list (both ways), and no import cycle between lib's files.

const root = path.resolve(import.meta.dirname, "..");
const lib = path.join(root, "lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "fixtures" || name === "node_modules" || name.startsWith(".")) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every relative or `@/` import and re-export of a file, as an absolute path without extension. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const specs = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^;"']*?\s+from\s+)?["']([^"']+)["']/g)].map((match) => match[1]);
  return specs.flatMap((spec) => (spec.startsWith(".") ? [path.resolve(path.dirname(file), spec)] : spec.startsWith("@/") ? [path.join(root, spec.slice(2))] : []));
}

const inLib = (target: string) => path.relative(lib, target).split(path.sep);
const withoutExtension = (file: string) => file.replace(/\.tsx?$/, "");

type Allowed = Map<string, Map<string, string[] | null>>;

/** The README's list: `domain → other, other (file, file), …`. */
function readmeList(): Allowed {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const marker = readme.indexOf("<!-- domain imports: parsed by lib/import-graph.test.ts -->");
  expect(marker, "the README's domain list has lost its marker").toBeGreaterThan(-1);
  const block = readme.slice(marker).split("```")[1];
  const allowed: Allowed = new Map();
  for (const line of block.split("\n").slice(1)) {
    const match = /^\s*([a-z-]+)\s+→\s*(.*)$/.exec(line);
    if (!match) continue;
    const uses = new Map<string, string[] | null>();
    for (const item of match[2].matchAll(/([a-z-]+)(?:\s+\(([^)]*)\))?/g)) {
      uses.set(item[1], item[2] ? item[2].split(",").map((file) => file.split(":")[0].trim()) : null);
    }
    allowed.set(match[1], uses);
  }
  return allowed;
}

const libFiles = sourceFiles(lib);
const graph = new Map(libFiles.map((file) => [withoutExtension(file), importsOf(file)]));

test("each domain uses exactly the domains (and files) the README lists", () => {
  const allowed = readmeList();
  const domains = readdirSync(lib).filter((name) => statSync(path.join(lib, name)).isDirectory() && !["generated", "fixtures"].includes(name));
  expect([...allowed.keys()].sort(), "the README's list names every domain folder, and only those").toEqual(domains.sort());

  const used = new Map<string, Map<string, Set<string>>>();
  for (const [file, targets] of graph) {
    const from = inLib(file)[0];
    for (const target of targets) {
      const [to, ...rest] = inLib(target);
      if (to === ".." || to === from || to === "platform" || to === "generated") continue;
      const byDomain = used.get(from) ?? new Map<string, Set<string>>();
      used.set(from, byDomain.set(to, (byDomain.get(to) ?? new Set()).add(rest.join("/"))));
    }
  }
  const problems: string[] = [];
  for (const [from, byDomain] of used) {
    for (const [to, files] of byDomain) {
      const rule = allowed.get(from)?.get(to);
      if (rule === undefined) problems.push(`lib/${from} imports lib/${to} (${[...files].join(", ")}): not in the README's list`);
      else if (rule) for (const file of files) if (!rule.includes(file)) problems.push(`lib/${from} imports lib/${to}/${file}: the README allows only ${rule.join(", ")}`);
    }
  }
  for (const [from, uses] of allowed) {
    for (const [to, files] of uses) {
      const actual = used.get(from)?.get(to);
      if (!actual) problems.push(`the README says lib/${from} uses lib/${to}, but nothing imports it`);
      else for (const file of files ?? []) if (!actual.has(file)) problems.push(`the README names lib/${to}/${file} for lib/${from}, but nothing imports it`);
    }
  }
  expect(problems).toEqual([]);
});

test("platform and display use no domain", () => {
  const offenders = [...graph].filter(([file]) => ["platform", "display"].includes(inLib(file)[0])).flatMap(([file, targets]) =>
    targets.filter((target) => !["..", "platform", "display", "generated"].includes(inLib(target)[0]) && inLib(target)[0] !== inLib(file)[0]).map((target) => `${path.relative(root, file)} → ${path.relative(root, target)}`),
  );
  expect(offenders).toEqual([]);
});

test("nothing imports upwards: lib/ only from lib/ (never app/, components/, prisma/), pages and components never the database", () => {
  const upward = [...graph].flatMap(([file, targets]) => targets.filter((target) => path.relative(lib, target).startsWith("..")).map((target) => `${path.relative(root, file)} → ${path.relative(root, target)}`));
  const ui = [...sourceFiles(path.join(root, "app")), ...sourceFiles(path.join(root, "components"))];
  const database = ui.flatMap((file) => importsOf(file).filter((target) => /^lib\/(generated\/prisma\/client|platform\/db)$/.test(path.relative(root, withoutExtension(target)))).map((target) => `${path.relative(root, file)} → ${path.relative(root, target)}`));
  expect(ui.length).toBeGreaterThan(50);
  expect([...upward, ...database]).toEqual([]);
});

test("no import cycle between lib's files", () => {
  const resolve = (target: string) => (graph.has(target) ? target : graph.has(`${target}/index`) ? `${target}/index` : null);
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(lib, f)).join(" → "));
      return;
    }
    state.set(file, "open");
    for (const target of graph.get(file) ?? []) {
      const next = resolve(target);
      if (next) visit(next, [...trail, file]);
    }
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  expect(graph.size).toBeGreaterThan(100);
  expect(cycles).toEqual([]);
});
