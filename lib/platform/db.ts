import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import { PrismaClient } from "../generated/prisma/client";
import { noteDatabaseRead } from "./cache-scope";
import { env } from "./env";
import { log } from "./log";
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

/** Marks an error that says the database is away (digest for app/error.tsx, 503 for the request). */
function markIfUnavailable(error: unknown): void {
  if (isDatabaseUnavailable(error) && error && typeof error === "object") {
    Object.assign(error, { digest: DATABASE_UNAVAILABLE });
    markRequestDatabaseUnavailable();
  }
}

function newClient(pool: pg.Pool, options: { marksOutage: boolean } = { marksOutage: true }): PrismaClient {
  // The pool is Prisma's (its adapter runs every Prisma query on it) and sql()'s below: one pool per
  // database, sized by DB_POOL_SIZE, queueing under a burst. disconnectDb ends it.
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
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
          // A replica's failure is not an outage: its reads go to the primary (withPrimaryFallback).
          if (options.marksOutage) markIfUnavailable(error);
          throw error;
        }
      },
    },
  });
  return extended as unknown as PrismaClient;
}

type Clients = { primary: PrismaClient; read: PrismaClient; pool: pg.Pool; pools: pg.Pool[] };

function newPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: env.DB_POOL_SIZE });
  // An idle connection's error (the server restarting) must not crash the process before Prisma's
  // adapter, which listens too, has connected; the pool drops that connection and opens another.
  pool.on("error", (error) => log.warn({ err: error }, "idle database connection failed"));
  return pool;
}

// One set of clients per process; survives hot reloads in development.
const globalForDb = globalThis as unknown as { callerCheckDb?: Clients };

function clients(): Clients {
  if (globalForDb.callerCheckDb) return globalForDb.callerCheckDb;
  const pool = newPool(connectionString());
  const primary = newClient(pool);
  const replicaUrls = env.DATABASE_REPLICA_URLS;
  const replicaPools = replicaUrls.map(newPool);
  // The extension sends model reads outside transactions to a replica and everything else (writes,
  // transactions, raw SQL) to the primary. Its client type differs only by $primary/$replica, so it
  // is used through the PrismaClient type.
  const read = replicaUrls.length
    ? (primary.$extends(readReplicas({ replicas: replicaPools.map((replica) => withPrimaryFallback(newClient(replica, { marksOutage: false }), primary)) })) as unknown as PrismaClient)
    : primary;
  globalForDb.callerCheckDb = { primary, read, pool, pools: [pool, ...replicaPools] };
  return globalForDb.callerCheckDb;
}

/** How long reads stay on the primary after a replica could not be reached, before a replica is tried again. */
export const REPLICA_RETRY_MS = 10_000;
/** Until when some replica's reads are on the primary (the latest of each replica's own time). */
let anyReplicaDownUntil = 0;

/** Whether reads are on the primary because a replica could not be reached in the last REPLICA_RETRY_MS (/api/ready says so). */
export const replicaFallbackActive = () => Date.now() < anyReplicaDownUntil;

/**
 * A replica that cannot be reached must not take the public reads down with it while the primary is fine: its
 * reads go to the primary instead, and for REPLICA_RETRY_MS after a failure go there directly (not one failed
 * connection attempt per read), then the replica is tried again. Other errors are the query's own and pass through.
 */
function withPrimaryFallback(replica: PrismaClient, primary: PrismaClient): PrismaClient {
  // Each replica's own: one unreachable replica does not send the healthy ones' reads to the primary.
  let downUntil = 0;
  const onPrimary = (model: string, operation: string, args: unknown) => {
    const delegate = (primary as unknown as Record<string, Record<string, (args: unknown) => Promise<unknown>>>)[model.charAt(0).toLowerCase() + model.slice(1)];
    return delegate[operation](args);
  };
  return replica.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (Date.now() < downUntil) return onPrimary(model, operation, args);
          try {
            return await query(args);
          } catch (error) {
            if (!isDatabaseUnavailable(error)) throw error;
            downUntil = Date.now() + REPLICA_RETRY_MS;
            anyReplicaDownUntil = Math.max(anyReplicaDownUntil, downUntil);
            log.warn({ err: error }, `read replica unreachable: reads go to the primary for ${REPLICA_RETRY_MS / 1000} s`);
            return onPrimary(model, operation, args);
          }
        },
      },
    },
  }) as unknown as PrismaClient;
}

function lazy(pick: (all: Clients) => PrismaClient): PrismaClient {
  return new Proxy({} as PrismaClient, {
    get(_target, property) {
      // Prisma's $disconnect leaves a pool it was given open: the pools are ours, so disconnectDb ends them.
      if (property === "$disconnect") return disconnectDb;
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
  // Cache invalidations still waiting to be broadcast (lib/platform/data-cache.ts) go out first.
  const flush = (globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.flushCacheBroadcast")];
  if (typeof flush === "function") await (flush as () => Promise<void>)().catch(() => undefined);
  globalForDb.callerCheckDb = undefined;
  await Promise.all([made.primary.$disconnect(), made.read === made.primary ? undefined : made.read.$disconnect()]);
  await Promise.all(made.pools.map((pool) => pool.end()));
}

// `timestamp` (without time zone) columns hold UTC, as Prisma reads and writes them; pg's default would
// read them in the process's zone.
const UTC_TIMESTAMP = 1114;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === UTC_TIMESTAMP && format !== "binary" ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/**
 * One statement on the primary, straight on the pool Prisma's adapter uses, without Prisma's query
 * engine (a third of the CPU of the same $queryRaw, under half of a model query): for the few statements
 * every busy write makes (the session's user, rate limits, the vote and report functions, the listing
 * check). Parameters are $1…; a Date is sent as UTC (not one inside an array: send ISO strings there);
 * `timestamp` columns come back as Dates read as UTC (not `timestamp[]` or `date`: cast them to text);
 * bigint comes back as a string (cast in SQL where a number is wanted). Errors are marked as Prisma's are when
 * the database is away, and read with sqlStateOf.
 */
export async function sql<T>(text: string, values: readonly unknown[] = []): Promise<T[]> {
  noteDatabaseRead();
  try {
    const result = await clients().pool.query<T & pg.QueryResultRow>({ text, values: values.map((value) => (value instanceof Date ? value.toISOString() : value)), types });
    return result.rows;
  } catch (error) {
    markIfUnavailable(error);
    throw error;
  }
}

/** The same statement as sql(), inside a Prisma transaction when one is given (where it must run). */
export function sqlIn<T>(tx: Tx | null, text: string, values: readonly unknown[] = []): Promise<T[]> {
  return tx ? tx.$queryRawUnsafe<T[]>(text, ...values) : sql<T>(text, values);
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// lib/platform/data-cache.ts broadcasts cache invalidations to every instance through this (NOTIFY).
(globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.notifyCacheInvalidation")] = (channel: string, payload: string) =>
  sql("SELECT pg_notify($1, $2)", [channel, payload]);

// scripts/server.mjs closes the pools on SIGTERM through this (it cannot import TypeScript).
(globalThis as Record<symbol, unknown>)[Symbol.for("callercheck.disconnectDb")] = disconnectDb;
