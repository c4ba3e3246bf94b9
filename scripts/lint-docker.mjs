#!/usr/bin/env node
// `npm run lint:docker`: lints the Dockerfile with hadolint and checks compose.yaml with
// `docker compose config` (or docker-compose), each where installed. A missing tool is a loud,
// named skip, never a silent pass. Exit code 1 when a tool that ran found a problem.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const has = (command, args) => spawnSync(command, args, { stdio: "ignore" }).status === 0;
// compose.yaml requires AUTH_SECRET and ALTCHA_HMAC_KEY (no defaults); placeholders let `config` check the rest.
const env = {
  ...process.env,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "lint-placeholder-not-a-secret-0123456789",
  ALTCHA_HMAC_KEY: process.env.ALTCHA_HMAC_KEY ?? "lint-placeholder-not-a-key-0123456789",
};
const results = [];

function run(name, command, args) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8" });
  const ok = result.status === 0;
  results.push({ name, status: ok ? "passed" : "failed" });
  if (!ok) console.error(`[lint:docker] ${name} failed:\n${result.stdout}${result.stderr}`);
}

if (has("hadolint", ["--version"])) run("hadolint Dockerfile", "hadolint", ["Dockerfile"]);
// Neither Debian nor npm packages hadolint (checked 2026-11): install its release binary, or run
// `docker run --rm -i hadolint/hadolint < Dockerfile` where a Docker daemon is reachable.
else results.push({ name: "hadolint Dockerfile", status: "SKIPPED: hadolint is not installed (no Debian or npm package ships it; see scripts/lint-docker.mjs)" });

if (has("docker", ["compose", "version"])) run("docker compose config", "docker", ["compose", "-f", "compose.yaml", "config", "-q"]);
else if (has("docker-compose", ["version"])) run("docker-compose config", "docker-compose", ["-f", "compose.yaml", "config", "-q"]);
else results.push({ name: "compose.yaml", status: "SKIPPED: neither `docker compose` nor docker-compose is installed" });

for (const { name, status } of results) console.info(`[lint:docker] ${name}: ${status}`);
process.exit(results.some((r) => r.status === "failed") ? 1 : 0);
