// Seeds the benchmark's own database (never the app's) to a chosen size, in SQL (generate_series),
// then recomputes every counter and kept figure with recountAll. Run by scripts/bench/index.mjs:
//   DATABASE_URL=… tsx scripts/bench/seed.ts 10000
// Skew, as a scam wave looks: three numbers with HOT reports each, one number with 3,000 votes, one
// organisation ("Bench Mega Bank") with ORG numbers claimed to be it, most numbers with 1–3 reports.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { recountAll } from "../../lib/numbers/counters";
import { benchShape } from "./shape.mjs";

export async function seedBench(connectionString: string, reports: number): Promise<string> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  const shape = benchShape(reports);
  const run = (sql: string) => db.$executeRawUnsafe(sql);
  try {
    const done = await db.setting.findUnique({ where: { key: "bench:seed" } });
    if (done) {
      // A database seeded when the shape had fewer write-load members gets the rest.
      await insertMembers(run, shape.members);
      return `already seeded (${JSON.stringify(done.value)})`;
    }
    const started = Date.now();
    // A seed interrupted half-way leaves rows behind: this database is the benchmark's own, so start clean.
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    await run(`TRUNCATE ${tables.map((table) => table.name).join(", ")} CASCADE`);
    const day = `interval '1 day'`;
    // Reporters, write-load members (signed in with minted sessions) and the popular number's voters.
    await run(`INSERT INTO "User" (id, email, name, "emailVerified", "createdAt", "updatedAt")
      SELECT 'bench-r-' || i, 'bench-r-' || i || '@bench.invalid', 'Reporter ' || i, now() - 400 * ${day}, now() - 400 * ${day}, now()
        FROM generate_series(0, ${shape.reporters - 1}) i`);
    await insertMembers(run, shape.members);
    await run(`INSERT INTO "User" (id, email, name, "emailVerified", "createdAt", "updatedAt")
      SELECT 'bench-v-' || i, 'bench-v-' || i || '@bench.invalid', 'Voter ' || i, now() - 90 * ${day}, now() - 90 * ${day}, now()
        FROM generate_series(0, ${shape.popularVotes - 1}) i`);

    await run(`INSERT INTO "Organisation" (id, slug, name, category, country, "searchText", "officialPhone", "updatedAt")
      VALUES ('bench-org-mega', 'bench-mega-bank', 'Bench Mega Bank', 'BANK', 'AU', 'bench mega bank', '+61290009999', now())`);
    await run(`INSERT INTO "Organisation" (id, slug, name, category, country, "searchText", "updatedAt")
      SELECT 'bench-org-' || i, 'bench-org-' || i, 'Bench Organisation ' || i, 'OTHER', 'AU', 'bench organisation ' || i, now()
        FROM generate_series(0, 49) i`);

    // Numbers: hot (+61291000001…), popular (+61291000009), the organisation's (+6128…), the tail (+614…).
    await run(`INSERT INTO "PhoneNumber" (e164, country, type, "updatedAt")
      SELECT '+6129100000' || i, 'AU', 'FIXED_LINE'::"NumberType", now() FROM generate_series(1, ${shape.hot}) i
      UNION ALL SELECT '${shape.popularNumber}', 'AU', 'FIXED_LINE'::"NumberType", now()
      UNION ALL SELECT '+6128' || lpad(i::text, 7, '0'), 'AU', 'FIXED_LINE'::"NumberType", now() FROM generate_series(0, ${shape.orgNumbers - 1}) i
      UNION ALL SELECT '+614' || lpad((10000000 + i)::text, 8, '0'), 'AU', 'MOBILE'::"NumberType", now() FROM generate_series(0, ${shape.tailNumbers - 1}) i`);

    // The organisation's claims: a tenth verified (the registry), the rest claimed by reports.
    await run(`INSERT INTO "Claim" (id, e164, "organisationId", "organisationKey", status, source, "evidenceMethod", "evidenceSource", "verifiedAt", "statusChangedAt", "updatedAt")
      SELECT 'bench-c-' || i, '+6128' || lpad(i::text, 7, '0'), 'bench-org-mega', 'bench-org-mega',
             CASE WHEN i % 10 = 0 THEN 'VERIFIED' ELSE 'UNVERIFIED' END::"ClaimStatus", 'REPORT',
             CASE WHEN i % 10 = 0 THEN 'OFFICIAL_WEBSITE' END::"EvidenceMethod", CASE WHEN i % 10 = 0 THEN 'https://bench.invalid/contact' END,
             CASE WHEN i % 10 = 0 THEN now() - (i % 300) * ${day} END, CASE WHEN i % 10 = 0 THEN now() - (i % 300) * ${day} END, now()
        FROM generate_series(0, ${shape.orgNumbers - 1}) i`);
    // One verified number for each other organisation, and the popular number's organisation-less claim.
    await run(`INSERT INTO "Claim" (id, e164, "organisationId", "organisationKey", status, source, "evidenceMethod", "verifiedAt", "statusChangedAt", "updatedAt")
      SELECT 'bench-co-' || i, '+614' || lpad((10000000 + i)::text, 8, '0'), 'bench-org-' || i, 'bench-org-' || i, 'VERIFIED', 'MODERATOR', 'OFFICIAL_WEBSITE', now(), now(), now()
        FROM generate_series(0, 49) i`);
    await run(`INSERT INTO "Claim" (id, e164, "organisationKey", source, "updatedAt") VALUES ('bench-popular', '${shape.popularNumber}', '-', 'VOTE', now())`);
    await run(`INSERT INTO "Vote" (id, "claimId", "userId", legitimate, "createdAt", "updatedAt")
      SELECT 'bench-vote-' || i, 'bench-popular', 'bench-v-' || i, i % 5 = 0, now() - (i % 200) * ${day}, now() - (i % 200) * ${day}
        FROM generate_series(0, ${shape.popularVotes - 1}) i`);

    // Reports. Category and what was asked for from a hash of the row number: realistic mix, repeatable.
    const category = `(ARRAY['SCAM','SCAM','SCAM','SCAM','TELEMARKETING','TELEMARKETING','IMPERSONATION','LEGITIMATE','ROBOCALL','SILENT'])[1 + abs(hashint4(i)) % 10]::"ReportCategory"`;
    const asked = `CASE WHEN abs(hashint4(i + 7)) % 3 = 0 THEN ARRAY['SECURITY_ANSWERS']::"AskedFor"[] WHEN abs(hashint4(i + 7)) % 3 = 1 THEN ARRAY['CARD_OR_PAYMENT','PERSONAL_DETAILS']::"AskedFor"[] ELSE ARRAY[]::"AskedFor"[] END`;
    const columns = `(id, e164, "reporterId", "organisationId", "claimId", "occurredAt", channel, category, "askedFor", body, "createdAt")`;
    const when = `now() - (abs(hashint4(i + 3)) % 730) * ${day}`;
    const reporter = `'bench-r-' || (abs(hashint4(i + 11)) % ${shape.reporters})`;
    await run(`INSERT INTO "Report" ${columns}
      SELECT 'bench-h-' || i, '+6129100000' || (1 + i % ${shape.hot}), ${reporter}, NULL, NULL, ${when}, 'CALL', ${category}, ${asked}, 'Said my account was locked.', ${when}
        FROM generate_series(0, ${shape.hot * shape.hotReports - 1}) i`);
    await run(`INSERT INTO "Report" ${columns}
      SELECT 'bench-o-' || i, '+6128' || lpad((i % ${shape.orgNumbers})::text, 7, '0'), ${reporter}, 'bench-org-mega', 'bench-c-' || (i % ${shape.orgNumbers}), ${when}, 'CALL', ${category}, ${asked}, 'Claimed to be the bank.', ${when}
        FROM generate_series(0, ${shape.orgReports - 1}) i`);
    await run(`INSERT INTO "Report" ${columns}
      SELECT 'bench-t-' || i, '+614' || lpad((10000000 + abs(hashint4(i)) % ${shape.tailNumbers})::text, 8, '0'), ${reporter}, NULL, NULL, ${when}, 'CALL', ${category}, ${asked}, NULL, ${when}
        FROM generate_series(0, ${shape.tailReports - 1}) i`);
    await run(`INSERT INTO "Report" ${columns}
      SELECT 'bench-p-' || i, '${shape.popularNumber}', ${reporter}, NULL, NULL, ${when}, 'CALL', ${category}, ${asked}, NULL, ${when}
        FROM generate_series(0, 49) i`);
    await run(`ANALYZE`);
    await recountAll(db);
    await run(`ANALYZE`);
    const summary = { reports: await db.report.count(), numbers: await db.phoneNumber.count(), seconds: Math.round((Date.now() - started) / 1000) };
    await db.setting.create({ data: { key: "bench:seed", value: summary } });
    return JSON.stringify(summary);
  } finally {
    await db.$disconnect();
  }
}

const url = process.env.DATABASE_URL;
const size = Number(process.argv[2]);
if (!url || !Number.isInteger(size) || size < 1000) {
  console.error("usage: DATABASE_URL=… tsx scripts/bench/seed.ts <reports ≥ 1000>");
  process.exit(1);
}
seedBench(url, size)
  .then((summary) => console.info(`[bench] seed: ${summary}`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

/** The write-load members (signed in with minted sessions by drive.mjs), bench-m-0 onwards; existing ones are kept. */
async function insertMembers(run: (sql: string) => Promise<number>, count: number): Promise<void> {
  // Sixty days old, confirmed, no reports yet: TL1, the level recountAll gives them (lib/trust/rules.ts trustLevel).
  await run(`INSERT INTO "User" (id, email, name, "emailVerified", "createdAt", "updatedAt", "trustLevel")
    SELECT 'bench-m-' || i, 'bench-m-' || i || '@bench.invalid', 'Member ' || i, now() - interval '60 days', now() - interval '60 days', now(), 'TL1'
      FROM generate_series(0, ${count - 1}) i
    ON CONFLICT (id) DO NOTHING`);
}
