#!/usr/bin/env node
// `node scripts/prisma.mjs <args>` = the local Prisma CLI, wired to the offline schema engine and
// kept quiet: no update check, no telemetry ping (both would wait on an unreachable network).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

// Resolve via package.json: the package's "exports" map does not promise build/index.js.
const cli = fileURLToPath(new URL("build/index.js", pathToFileURL(createRequire(import.meta.url).resolve("prisma/package.json"))));
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(new URL("./prisma-schema-engine.mjs", import.meta.url)),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const { status, signal, error } = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
if (error) throw error;
process.exit(status ?? (signal ? 1 : 0));
