#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the CLI downloads from
// binaries.prisma.sh (unreachable offline; no npm package ships it). The CLI runs whatever
// PRISMA_SCHEMA_ENGINE_BINARY points at (set by prisma.config.ts / scripts/prisma.mjs) and talks
// newline-delimited JSON-RPC 2.0 over stdio. We answer with the same engine compiled to WebAssembly
// (@prisma/schema-engine-wasm) running over @prisma/adapter-pg. Leans on Prisma internals: keep
// prisma, @prisma/adapter-pg, @prisma/driver-adapter-utils and @prisma/schema-engine-wasm exact.
import fs from "node:fs";
import readline from "node:readline";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";

console.log = console.error; // stdout is the JSON-RPC channel: nothing else may write to it

// ---- command line: [--datamodels <file>]... [--datasource <json>] [cli <subcommand> | --version]
const argv = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {};
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--datamodels") datamodelPaths.push(argv[++i]);
  else if (argv[i] === "--datasource") datasource = JSON.parse(argv[++i]);
  else if (argv[i] === "--enabled-preview-features" || argv[i] === "--extension-types") i++;
}
const wasmDir = pathToFileURL(createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm")); // .../schema_engine.js

if (argv.includes("--version") || argv.includes("-V")) {
  const { version } = JSON.parse(fs.readFileSync(new URL("package.json", wasmDir), "utf8"));
  process.stdout.write(`schema-engine-cli ${version.split(".").pop()} (wasm)\n`);
  process.exit(0);
}

// ---- connections. Build pg configs from parsed fields, never `connectionString`: pg lets the
// string override `database`, so a shadow pool made as {...config, database} silently reconnects
// to the main database (that is what PrismaPg.connectToShadowDb does).
const parseUrl = createRequire(createRequire(import.meta.url).resolve("pg"))("pg-connection-string").parse;
const pgConfig = (url, database) => {
  const { schema, ...cfg } = parseUrl(url); // ?schema= is Prisma's, not a pg option
  return { ...cfg, ...(database ? { database } : {}) };
};
const schemaOf = (url) => new URL(url).searchParams.get("schema") ?? undefined;
const ident = (name) => `"${String(name).replaceAll('"', '""')}"`;

async function withAdmin(url, fn) {
  // Server-level statements (CREATE/DROP DATABASE) run from the maintenance database.
  const client = new pg.Client(pgConfig(url, "postgres"));
  await client.connect();
  try { return await fn(client); } finally { await client.end(); }
}

// The pg adapter throws "Unsupported column type char" for PostgreSQL's internal one-byte "char"
// type (oid 18), which the engine's catalog queries return (e.g. pg_constraint.contype), and the
// engine reads those columns with get_char, which only accepts the Character column type. So let
// the adapter see them as text (oid 25; the values are strings anyway), then retype them.
let charPatched = false;
function patchCharColumns(adapter) {
  if (charPatched) return;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "queryRaw")) proto = Object.getPrototypeOf(proto);
  if (!proto?.performIO) throw new Error("@prisma/adapter-pg changed: queryRaw/performIO not found");
  const { queryRaw } = proto;
  proto.queryRaw = async function (query) {
    const charColumns = [];
    const performIO = async (q) => {
      const result = await this.performIO(q);
      result?.fields.forEach((f, i) => { if (f.dataTypeID === 18) { f.dataTypeID = 25; charColumns.push(i); } });
      return result;
    };
    const out = await queryRaw.call(Object.create(this, { performIO: { value: performIO } }), query);
    for (const i of charColumns) out.columnTypes[i] = ColumnTypeEnum.Character;
    return out;
  };
  charPatched = true;
}

async function connectAdapter(url, database) {
  const adapter = await new PrismaPg(pgConfig(url, database), { schema: schemaOf(url) }).connect();
  patchCharColumns(adapter);
  // The adapter's executeScript splits a migration on every ";", which breaks function bodies
  // ($$ … ; … $$). Send the script whole, as the native engine does: one simple-protocol query.
  adapter.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return adapter;
}

// The migration-aware factory the Wasm engine needs. The shadow database is a throwaway database
// on the main server (or on shadowDatabaseUrl's server when configured). Its pool must be closed
// before DROP ... WITH (FORCE). The engine does not always dispose it, and the CLI SIGTERMs us right
// after closing stdin, so every shadow database is also dropped on exit (see cleanupAndExit).
const shadowDbs = new Map(); // name -> { server, adapter, dropped }
async function dropShadow(name) {
  const shadow = shadowDbs.get(name);
  if (!shadow || shadow.dropped) return;
  shadow.dropped = true;
  await shadow.dispose().catch(() => {});
  await withAdmin(shadow.server, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

// Without DATABASE_URL the engine still connects at start-up and probes the server once. Answer
// that probe, and fail any real query, so database-free commands such as
// `migrate diff --from-empty --to-schema` work without a database, as with the native engine.
const noDatabase = () => { throw new Error("No database configured: set DATABASE_URL (datasource.url in prisma.config.ts)."); };
const unconnected = {
  provider: "postgres", adapterName: "@prisma/adapter-pg",
  queryRaw: async ({ sql }) => sql.includes("server_version_num")
    ? { columnNames: ["exists", "version", "numeric_version"], rows: [[true, "PostgreSQL 18.0 (no database)", 180000]],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32] }
    : noDatabase(),
  executeRaw: noDatabase, executeScript: noDatabase, startTransaction: noDatabase,
  getConnectionInfo: () => ({ supportsRelationJoins: true }), dispose: async () => {},
};

function adapterFactory(url, shadowUrl) {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => (url ? connectAdapter(url) : unconnected),
    async connectToShadowDb() {
      const server = shadowUrl ?? url ?? noDatabase();
      const name = `prisma_shadow_${process.pid}_${Date.now()}_${shadowDbs.size}`;
      await withAdmin(server, (c) => c.query(`CREATE DATABASE ${ident(name)}`));
      const adapter = await connectAdapter(server, name);
      shadowDbs.set(name, { server, dispose: adapter.dispose.bind(adapter) }); // dispose ends the pool
      adapter.dispose = () => dropShadow(name);
      return adapter;
    },
  };
}

function databaseName(url) {
  return pgConfig(url).database;
}

async function createDatabase(url) {
  const name = databaseName(url);
  await withAdmin(url, async (c) => {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await c.query(`CREATE DATABASE ${ident(name)}`);
  });
  return name;
}

// ---- `schema-engine --datasource {"url":...} cli <command>`: the CLI uses these one-shot calls
// to check the database exists (P1003 => it offers to create it) and to create or drop it. Errors
// are reported the way the native engine logs them: a JSON line on stderr.
function cliError(code, message) {
  // The CLI skips the first stderr line (the native engine's start-up log) and JSON-parses the rest.
  const log = (level, fields) => JSON.stringify({ level, target: "schema_engine::logger", fields });
  process.stderr.write(log("INFO", { message: "Starting schema engine CLI (wasm)" }) + "\n" + log("ERROR", { error_code: code, message }) + "\n");
  process.exit(1);
}

const cliIndex = argv.indexOf("cli");
if (cliIndex !== -1) {
  const command = argv[cliIndex + 1];
  const url = datasource.url;
  try {
    if (command === "can-connect-to-database") {
      const client = new pg.Client(pgConfig(url));
      await client.connect();
      await client.end();
    } else if (command === "create-database") {
      process.stdout.write(`Database '${await createDatabase(url)}' was successfully created.\n`);
    } else if (command === "drop-database") {
      await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(databaseName(url))} WITH (FORCE)`));
      process.stdout.write(`The database was successfully dropped.\n`);
    } else {
      cliError("P1000", `Unsupported schema-engine cli command: ${command}`);
    }
    process.exit(0);
  } catch (e) {
    if (e.code === "3D000") cliError("P1003", `Database \`${databaseName(url)}\` does not exist`);
    if (e.code === "28P01") cliError("P1000", `Authentication failed: ${e.message}`);
    cliError("P1001", `Can't reach database server: ${e.message}`);
  }
}

// ---- the Wasm engine. Its JS glue does `import * as wasm from "....wasm"` (needs
// --experimental-wasm-modules on Node 20), so instantiate the module by hand.
// Panics: the Rust panic hook reports its message through this global before trapping.
let panicMessage = null;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (m) => { panicMessage = m; } };

// Errors thrown by our JS side (pg, the factory) are parked in this registry; the engine only
// reports "External error id#N".
const factory = bindMigrationAwareSqlAdapterFactory(adapterFactory(datasource.url, datasource.shadowDatabaseUrl));

async function loadEngine() {
  const bg = await import(new URL("schema_engine_bg.js", wasmDir).href);
  const bytes = fs.readFileSync(new URL("schema_engine_bg.wasm", wasmDir));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  const datamodels = datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")]);
  const engine = await bg.SchemaEngine.new(
    { datamodels: datamodels.length ? datamodels : undefined },
    (log) => process.stderr.write(`${log}\n`),
    factory,
  );
  return engine;
}

// ---- JSON-RPC over stdio.
const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\n");
let nextOwnId = 1_000_000; // ids for our requests to the CLI (its ids start at 1)
const pendingToCli = new Map();
function printViaCli(content) {
  // The native engine prints `migrate diff` output by asking the CLI to print it.
  const id = nextOwnId++;
  send({ jsonrpc: "2.0", id, method: "print", params: { content } });
  return new Promise((resolve) => pendingToCli.set(id, resolve));
}

let loaded;
async function dispatch(method, params) {
  loaded ??= loadEngine();
  const engine = await loaded;
  switch (method) {
    case "getDatabaseVersion":
      return engine.version(params ?? null);
    case "createDatabase": {
      const url = params?.datasource?.url ?? datasource.url;
      return { databaseName: await createDatabase(url) };
    }
    case "dbExecute": {
      // Run the script ourselves: simple-query protocol accepts many statements at once.
      const target = params.datasourceType?.tag === "url" ? params.datasourceType.url : datasource.url;
      const client = new pg.Client(pgConfig(target));
      await client.connect();
      try { await client.query(params.script); } finally { await client.end(); }
      return null;
    }
    case "diff": {
      const { stdout, ...rest } = await engine.diff(params);
      if (stdout) await printViaCli(stdout.replace(/\n$/, "")); // the CLI adds the newline
      return rest;
    }
    case "evaluateDataLoss":
    case "createMigration":
      // These two only read the shadow-database schema from the engine's migration cache; they get
      // no adapter factory to build it. devDiagnostic fills the cache only on some paths (not when
      // it just reports unapplied migrations), else: "shadow DB must be provided through an
      // external factory". diagnoseMigrationHistory with the shadow database fills it (or hits it).
      await engine.diagnoseMigrationHistory({ migrationsList: params.migrationsList, optInToShadowDatabase: true, filters: params.filters });
      return engine[method](params);
    case "debugPanic":
      return engine.debugPanic();
    default:
      if (typeof engine[method] !== "function") throw Object.assign(new Error(`Unknown method ${method}`), { rpcCode: -32601 });
      return engine[method](params); // called as a method: the Wasm glue needs `this`
  }
}

function errorResponse(e) {
  if (panicMessage !== null || e instanceof WebAssembly.RuntimeError) {
    const message = panicMessage ?? String(e?.message ?? e);
    return { code: 4466, message, data: { is_panic: true, message, backtrace: e?.stack ?? "" } };
  }
  if (e?.rpcCode) return { code: e.rpcCode, message: e.message };
  const id = /External error id#(\d+)/.exec(e?.message ?? "")?.[1];
  const external = id === undefined ? undefined : factory.errorRegistry.consumeError(Number(id))?.error;
  const err = external ?? e;
  const message = err?.cause?.message ?? err?.message ?? String(err);
  const errorCode = /^P\d{4}$/.test(err?.code ?? "") ? err.code : undefined;
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: false, message, meta: err?.meta ?? {}, ...(errorCode ? { error_code: errorCode } : {}) },
  };
}

// A Rust panic can also surface as an uncaught trap outside the request's promise: fail every
// pending request as a panic (the CLI then shows its panic report) instead of dying silently.
const inflight = new Map(); // request id -> promise
process.on("uncaughtException", (e) => {
  const error = errorResponse(e);
  process.stderr.write(`schema engine crashed: ${error.message}\n${e?.stack ?? ""}\n`);
  for (const id of inflight.keys()) send({ jsonrpc: "2.0", id, error });
  process.exitCode = 101;
  cleanupAndExit();
});

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line.trim()) return;
  const msg = JSON.parse(line);
  if (msg.method === undefined) { // a reply from the CLI to one of our "print" requests
    pendingToCli.get(msg.id)?.(msg.result);
    pendingToCli.delete(msg.id);
    return;
  }
  const job = dispatch(msg.method, msg.params).then(
    (result) => send({ jsonrpc: "2.0", id: msg.id, result: result ?? {} }),
    (e) => {
      const error = errorResponse(e);
      send({ jsonrpc: "2.0", id: msg.id, error });
      if (error.data?.is_panic) { process.exitCode = 101; cleanupAndExit(); } // a trapped Wasm instance is unusable
    },
  );
  inflight.set(msg.id, job);
  job.finally(() => inflight.delete(msg.id));
});
let exiting = false;
async function cleanupAndExit() {
  if (exiting) return;
  exiting = true;
  await Promise.allSettled([...shadowDbs.keys()].map(dropShadow));
  process.exit(process.exitCode ?? 0);
}
process.on("SIGTERM", cleanupAndExit);
process.on("SIGINT", cleanupAndExit);
rl.on("close", async () => {
  // The CLI ends stdin when done; finish what is running, then release connections.
  await Promise.allSettled([...inflight.values()]);
  try { (await loaded)?.free(); } catch {}
  await cleanupAndExit();
});
