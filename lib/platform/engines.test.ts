import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// package.json's `engines.node` promises only Node versions that every direct dependency accepts.
// Checked over a spread of versions with a small reader for the range forms npm packages use here
// (">=x", ">= x", "^x", "x || y"); an unknown form fails the test rather than passing silently.

const root = path.join(import.meta.dirname, "..", "..");
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
type Version = [number, number, number];
const parse = (text: string): Version => {
  const [major = 0, minor = 0, patch = 0] = text.split(".").map(Number);
  return [major, minor, patch];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

function satisfies(version: Version, range: string): boolean {
  return range.split("||").some((part) => {
    const clauses = part.trim().split(/\s+(?=[>^<])/).map((clause) => clause.replace(/\s+/g, ""));
    return clauses.every((clause) => {
      const match = /^(>=|\^)(\d+(?:\.\d+){0,2})$/.exec(clause);
      if (!match) throw new Error(`unknown range form: ${clause}`);
      const bound = parse(match[2]);
      if (match[1] === ">=") return compare(version, bound) >= 0;
      return version[0] === bound[0] && compare(version, bound) >= 0;
    });
  });
}

test("the small range reader reads ranges as npm does", () => {
  expect(satisfies([20, 19, 0], "^20.19 || ^22.12 || >=24")).toBe(true);
  expect(satisfies([22, 11, 0], "^20.19 || ^22.12 || >=24")).toBe(false);
  expect(satisfies([21, 0, 0], "^20.19 || ^22.12 || >=24")).toBe(false);
  expect(satisfies([20, 8, 0], ">= 20.9.0")).toBe(false);
  expect(() => satisfies([20, 0, 0], "~20.1")).toThrow(/unknown range form/);
});

test("every Node version package.json accepts is accepted by every dependency", () => {
  const pkg = readJson(path.join(root, "package.json")) as { engines: { node: string }; dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  const candidates: Version[] = [];
  for (let major = 18; major <= 26; major++) for (let minor = 0; minor <= 24; minor++) candidates.push([major, minor, 0]);
  const accepted = candidates.filter((v) => satisfies(v, pkg.engines.node));
  expect(accepted.length).toBeGreaterThan(0);
  for (const name of names) {
    const engines = (readJson(path.join(root, "node_modules", name, "package.json")).engines ?? {}) as { node?: string };
    if (!engines.node) continue;
    const refused = accepted.filter((v) => !satisfies(v, engines.node!));
    expect(refused.map((v) => v.join(".")), `${name} needs node ${engines.node}`).toEqual([]);
  }
  // And the running Node is one of them (the machines this project runs on).
  expect(satisfies(parse(process.versions.node), pkg.engines.node)).toBe(true);
});
