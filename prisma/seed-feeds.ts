// After the seed's bulk inserts: the open feeds' listings (lib/feeds/rebuild.ts), in a child process
// because the app's modules are server-only (resolved with the react-server condition).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function rebuildFeeds(connectionString: string): void {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const run = spawnSync(tsx, ["--conditions=react-server", "scripts/feeds-rebuild.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: connectionString }, stdio: "inherit" });
  if (run.status !== 0) throw new Error(`Rebuilding the feed listings failed (exit ${run.status ?? run.signal}).`);
}
