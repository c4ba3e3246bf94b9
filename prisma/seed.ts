// Seeds real public data (always) and demo accounts and stories (embedded database or SEED_DEMO=1).
// Idempotent: each part records a marker in the Setting table and is skipped once done.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { recountAll } from "../lib/numbers/counters";
import { seedDemo } from "./seed-demo";
import { rebuildFeeds } from "./seed-feeds";
import { importFtc } from "./seed-ftc";
import { seedOrganisations } from "./seed-organisations";
import { seedImpersonated } from "./seed-impersonated";
import { seedRepresentatives } from "./seed-representatives";

async function once(db: PrismaClient, key: string, run: () => Promise<string>) {
  if (await db.setting.findUnique({ where: { key } })) {
    console.info(`[seed] ${key}: already done`);
    return;
  }
  const started = Date.now();
  const summary = await run();
  await db.setting.create({ data: { key, value: { summary, at: new Date().toISOString() } } });
  console.info(`[seed] ${key}: ${summary} (${Date.now() - started} ms)`);
}

export async function seed(connectionString: string, { demo }: { demo: boolean }) {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    await once(db, "seed:organisations", () => seedOrganisations(db));
    await once(db, "seed:impersonated", () => seedImpersonated(db));
    await once(db, "seed:ftc", () => importFtc(db));
    if (demo) await once(db, "seed:demo", () => seedDemo(db));
    if (demo) await once(db, "seed:representatives", () => seedRepresentatives(db));
    await recountAll(db);
    rebuildFeeds(connectionString);
  } finally {
    await db.$disconnect();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set");
    process.exit(1);
  }
  seed(url, { demo: process.env.SEED_DEMO === "1" }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
