import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { db, replicaFallbackActive } from "./db";

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} took longer than ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref()),
  ]);
}

export async function pingDatabase(): Promise<boolean> {
  try {
    await withTimeout(db.$queryRaw`SELECT 1`, "the database ping");
    return true;
  } catch {
    return false;
  }
}

/** The migrations this build ships (folder names under prisma/migrations). */
export async function shippedMigrations(dir = path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations")): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

export type Readiness =
  | { ready: true; degraded?: "replica-unreachable"[] }
  | { ready: false; reason: "database-unreachable" | "migrations-pending" | "migration-failed"; detail?: string[] };

/**
 * Ready when the database answers and every migration this build ships has been applied (and none
 * is half-applied). Migrations are never run here: that is the deployment's one-shot migration step.
 */
export async function readiness(expected?: string[]): Promise<Readiness> {
  let rows: { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[];
  try {
    rows = await withTimeout(
      db.$queryRaw`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      "the migration check",
    );
  } catch (error) {
    // A reachable database without the migrations table has had no migration at all.
    const missingTable = /_prisma_migrations/.test(String((error as Error)?.message)) && (await pingDatabase());
    return missingTable ? { ready: false, reason: "migrations-pending", detail: expected ?? (await shippedMigrations()) } : { ready: false, reason: "database-unreachable" };
  }
  const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null).map((row) => row.migration_name);
  if (failed.length > 0) return { ready: false, reason: "migration-failed", detail: failed };
  const applied = new Set(rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => row.migration_name));
  const pending = (expected ?? (await shippedMigrations())).filter((name) => !applied.has(name));
  if (pending.length > 0) return { ready: false, reason: "migrations-pending", detail: pending };
  // A replica that could not be reached lately: still ready (its reads are on the primary, lib/platform/db.ts), but said.
  return replicaFallbackActive() ? { ready: true, degraded: ["replica-unreachable"] } : { ready: true };
}
