import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import { PrismaClient } from "../generated/prisma/client";
import { noteDatabaseRead } from "./cache-scope";
import { env } from "./env";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "./errors";

// Importing this file never connects and never throws: the clients are made on first use, so
// `next build` works with no database. DATABASE_URL is checked then, with a message saying what to do.

function connectionString(): string {
  const url = env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide it.");
  return url;
}

/**
 * Tells scripts/server.mjs that the request in progress met a database outage, so a page that failed
 * because of it answers 503 with Retry-After rather than 500. Absent (a no-op) outside that server.
 */
function markRequestDatabaseUnavailable(): void {
  const mark = (globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.markDatabaseUnavailable")];
  if (typeof mark === "function") mark();
}

function newClient(url: string): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: env.DB_POOL_SIZE }) });
  // A query that fails because the database is away carries the DATABASE_UNAVAILABLE digest, which
  // survives Next's production redaction: app/error.tsx then shows "temporarily unavailable" instead
  // of a generic error. The pool reconnects by itself once the database is back; no restart needed.
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        // A page that read the database outside the data cache is not kept whole (scripts/server/page-cache.mjs).
        noteDatabaseRead();
        try {
          return await query(args);
        } catch (error) {
          if (isDatabaseUnavailable(error) && error && typeof error === "object") {
            Object.assign(error, { digest: DATABASE_UNAVAILABLE });
            markRequestDatabaseUnavailable();
          }
          throw error;
        }
      },
    },
  });
  return extended as unknown as PrismaClient;
}

type Clients = { primary: PrismaClient; read: PrismaClient };

// One set of clients per process; survives hot reloads in development.
const globalForDb = globalThis as unknown as { callerCheckDb?: Clients };

function clients(): Clients {
  if (globalForDb.callerCheckDb) return globalForDb.callerCheckDb;
  const primary = newClient(connectionString());
  const replicaUrls = env.DATABASE_REPLICA_URLS;
  // The extension sends model reads outside transactions to a replica and everything else (writes,
  // transactions, raw SQL) to the primary. Its client type differs only by $primary/$replica, so it
  // is used through the PrismaClient type.
  const read = replicaUrls.length
    ? (primary.$extends(readReplicas({ replicas: replicaUrls.map(newClient) })) as unknown as PrismaClient)
    : primary;
  globalForDb.callerCheckDb = { primary, read };
  return globalForDb.callerCheckDb;
}

function lazy(pick: (all: Clients) => PrismaClient): PrismaClient {
  return new Proxy({} as PrismaClient, {
    get(_target, property) {
      const client = pick(clients());
      const value = Reflect.get(client, property, client);
      return typeof value === "function" ? value.bind(client) : value;
    },
  });
}

/** The primary: every write, and every read that must see the caller's own writes. */
export const db: PrismaClient = lazy((all) => all.primary);

/**
 * Public reads that tolerate a little replication lag (number lookups in the API, registry feeds):
 * a replica from DATABASE_REPLICA_URLS when set, otherwise the primary.
 */
export const dbRead: PrismaClient = lazy((all) => all.read);

/** Closes every pool (graceful shutdown, end of tests). Does nothing if no client was made. */
export async function disconnectDb(): Promise<void> {
  const made = globalForDb.callerCheckDb;
  if (!made) return;
  globalForDb.callerCheckDb = undefined;
  await Promise.all([made.primary.$disconnect(), made.read === made.primary ? undefined : made.read.$disconnect()]);
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// lib/platform/data-cache.ts broadcasts cache invalidations to every instance through this (NOTIFY).
(globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.notifyCacheInvalidation")] = (channel: string, payload: string) =>
  db.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;

// scripts/server.mjs closes the pools on SIGTERM through this (it cannot import TypeScript).
(globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.disconnectDb")] = disconnectDb;
