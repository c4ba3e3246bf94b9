#!/usr/bin/env node
// A PostgreSQL of its own for the outage tests (lib/platform/outage.db.test.ts, e2e/outage.spec.ts),
// which stop and start it to prove the app survives an outage. Separate data folder and port
// (OUTAGE_PG_DIR, OUTAGE_PG_PORT; by default .data/pg-outage and TEST_PG_PORT + 1000), so stopping it can
// never disturb another test. Commands on stdin, one per line: stop, start, quit; answers on stdout.
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { dropDatabase, createDatabase, startEmbeddedPostgres } from "../embedded-db.mjs";
import { migrate, TEST_PG_PORT } from "./test-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const options = { dataDir: process.env.OUTAGE_PG_DIR ?? path.join(root, ".data/pg-outage"), port: Number(process.env.OUTAGE_PG_PORT ?? TEST_PG_PORT + 1000) };
const NAME = "callercheck_outage";

let server = await startEmbeddedPostgres(options);
await dropDatabase(server.url(), NAME);
await createDatabase(server.url(), NAME);
migrate(server.url(NAME));
console.log(`READY ${server.url(NAME)}`);

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = line.trim();
  if (command === "stop") {
    await server.stop();
    console.log("STOPPED");
  } else if (command === "start") {
    server = await startEmbeddedPostgres(options);
    console.log("STARTED");
  } else if (command === "quit") {
    break;
  }
}
await server.stop().catch(() => undefined);
process.exit(0);
