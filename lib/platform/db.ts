import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "./errors";

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide it.");
  }
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: Number(process.env.DB_POOL_SIZE ?? 10) }) });
  // A query that fails because the database is away carries the DATABASE_UNAVAILABLE digest, which
  // survives Next's production redaction: app/error.tsx then shows "temporarily unavailable" instead
  // of a generic error. The pool reconnects by itself once the database is back; no restart needed.
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          if (isDatabaseUnavailable(error) && error && typeof error === "object") Object.assign(error, { digest: DATABASE_UNAVAILABLE });
          throw error;
        }
      },
    },
  });
  return extended as unknown as PrismaClient;
}

// One client per process; survives hot reloads in development.
const globalForDb = globalThis as unknown as { callerCheckDb?: PrismaClient };

function client(): PrismaClient {
  globalForDb.callerCheckDb ??= createClient();
  return globalForDb.callerCheckDb;
}

// Created on first use, not on import: `next build` evaluates route modules without a database.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
