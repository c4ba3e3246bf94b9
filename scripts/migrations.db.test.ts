import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// Runs the real Prisma CLI through the offline schema engine against this file's own database.
const root = path.resolve(import.meta.dirname, "..");
const prisma = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "scripts/prisma.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, CI: "1" },
    encoding: "utf8",
    timeout: 120_000,
  });

test("migrate reset, then migrate dev finds the schema in sync and creates nothing", () => {
  const before = readdirSync(path.join(root, "prisma/migrations"));
  const reset = prisma("migrate", "reset", "--force");
  expect(reset.status, reset.stderr).toBe(0);

  const dev = prisma("migrate", "dev");
  expect(dev.status, dev.stderr + dev.stdout).toBe(0);
  expect(dev.stdout + dev.stderr).toMatch(/Already in sync/);
  expect(readdirSync(path.join(root, "prisma/migrations"))).toEqual(before);
}, 180_000);

test("the committed migrations produce exactly the schema", () => {
  const diff = prisma("migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code");
  // --exit-code: 0 = no difference, 2 = a difference (printed), 1 = error.
  expect(diff.status, diff.stdout + diff.stderr).toBe(0);
}, 180_000);
