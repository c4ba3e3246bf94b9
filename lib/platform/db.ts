import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide it.");
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: Number(process.env.DB_POOL_SIZE ?? 10) }) });
}

// One client per process; survives hot reloads in development.
const globalForDb = globalThis as unknown as { callerCheckDb?: PrismaClient };

export const db: PrismaClient = globalForDb.callerCheckDb ?? createClient();
if (process.env.NODE_ENV === "development") globalForDb.callerCheckDb = db;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
