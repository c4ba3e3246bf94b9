import "server-only";
import { refreshListingAfterWrite } from "../feeds/listing";
import { invalidateNumber } from "../platform/data-cache";
import { randomBytes } from "node:crypto";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db, type Tx } from "../platform/db";
import { AppError, isUniqueViolation, parseOrThrow } from "../platform/errors";
import type { ReportCategory } from "../generated/prisma/enums";
import { Prisma } from "../generated/prisma/client";
import { maskSensitive } from "./masking";
import { organisationSearchText, slugify } from "../organisations/slug";
import { consumeLimits, LIMITS, refundLimits, type LimitName } from "../platform/rate-limit";
import { reportSchema, type ReportInput } from "./schema";
import { recordReportAlerts } from "../alerts/record";
import { alertOrganisationAboutReport } from "../representatives/alerts";
import { keptTrust } from "../trust/kept";
import { refreshTrustLevels } from "../trust/legitimacy";

const DAY_MS = 86_400_000;

export type CreatedReport = {
  id: string;
  e164: string;
  /** True when this was a resubmission of a report already stored (nothing new was created). */
  duplicate: boolean;
  /** Card numbers or e-mail addresses were removed from the text before it was stored. */
  masked: boolean;
  organisation: { id: string; slug: string; name: string; status: "PROPOSED" | "ACTIVE" | "MERGED" } | null;
};

export type OrgRef = NonNullable<CreatedReport["organisation"]>;
const orgSelect = { id: true, slug: true, name: true, status: true, mergedIntoId: true } as const;

/**
 * Files one report: the number if new, a proposed organisation if asked, the claim (number ↔
 * organisation) if new, the report, and every counter it moves — in one transaction. A resubmitted
 * form (same idempotency key) returns the report already stored and creates nothing.
 */
export async function createReport(actor: Actor | null, input: unknown, options: { address: string }): Promise<CreatedReport> {
  // Parsed before the actor is checked, so a form comes back with every field's message first.
  const data = parseOrThrow(reportSchema, input);
  assertCanWrite(actor);

  const existing = await findByKey(actor.id, data.idempotencyKey);
  if (existing) return existing;

  const named = data.organisationId ? await resolveOrganisation(data.organisationId) : null;
  const proposal = data.proposedOrganisation ? await findSameName(data.proposedOrganisation.name) : null;

  const spent = await spendLimits(actor, options.address, Boolean(data.proposedOrganisation && !proposal));
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await db.$transaction((tx) => writeReport(tx, { kind: "member", actor }, data, named ?? proposal), { maxWait: 20_000, timeout: 30_000 });
      invalidateNumber(created.e164, [created.organisation?.id]);
      await alertOrganisationAboutReport(created);
      await refreshListingAfterWrite(created.e164);
      return created;
    } catch (error) {
      if (isUniqueViolation(error)) {
        const stored = await findByKey(actor.id, data.idempotencyKey);
        if (stored) {
          await refund(spent);
          return stored;
        }
        // A proposal's slug taken at the same moment: the next attempt picks another.
        if (attempt < 3) continue;
      }
      await refund(spent);
      throw error;
    }
  }
}

/** Who files a report: a member, or a visitor known only by a keyed hash of their address. */
export type Reporter = { kind: "member"; actor: Actor } | { kind: "anonymous"; addressKey: string };

/**
 * Writes one report and every counter it moves; call inside a transaction. A member counts once per
 * number (NumberReporter), a visitor's address once per number (NumberAnonymousReporter), each under
 * their latest category. Visitors do not count towards PhoneNumber.reporterCount: that count opens
 * the privacy gate (lib/trust/privacy.ts), which only members may open.
 */
export async function writeReport(tx: Tx, reporter: Reporter, data: ReportInput, organisation: OrgRef | null): Promise<CreatedReport> {
  const { phone } = data;
  const actor = reporter.kind === "member" ? reporter.actor : null;
  // Locks the number's row first: every report on one number queues here, so the reads below
  // (the member's previous category) cannot race, and lock order is always number → organisation.
  const [{ now }] = await tx.$queryRaw<{ now: Date }[]>`
    INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "updatedAt")
    VALUES (${phone.e164}, ${phone.country}, ${phone.type}::"NumberType", 1, now())
    ON CONFLICT (e164) DO UPDATE SET "reportCount" = "PhoneNumber"."reportCount" + 1, "updatedAt" = now()
    RETURNING clock_timestamp() AS now`;

  if (actor) {
    // The reporter's kept trust input; the level (and their votes' weight) moves only on a change.
    const [kept] = await tx.$queryRaw<{ visibleReportCount: number; trustLevel: string }[]>`
      UPDATE "User" SET "visibleReportCount" = "visibleReportCount" + 1 WHERE id = ${actor.id} RETURNING "visibleReportCount", "trustLevel"`;
    if (kept && keptTrust({ ...actor, visibleReports: kept.visibleReportCount }, now).level !== kept.trustLevel) {
      await refreshTrustLevels(tx, [actor.id], now);
    }
  }

  const org = organisation ?? (data.proposedOrganisation && actor ? await proposeOrganisation(tx, actor, data.proposedOrganisation) : null);

  let claimId: string | null = null;
  if (org) {
    const [claim] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Claim" (id, e164, "organisationId", "organisationKey", source, "createdById", "reportCount", "updatedAt")
      VALUES (${newId()}, ${phone.e164}, ${org.id}, ${org.id}, 'REPORT', ${actor?.id ?? null}, 1, now())
      ON CONFLICT (e164, "organisationKey") DO UPDATE SET "reportCount" = "Claim"."reportCount" + 1, "updatedAt" = now()
      RETURNING id`;
    claimId = claim.id;
  }

  const body = data.body ? maskSensitive(data.body) : null;
  const callerIdName = data.callerIdName ? maskSensitive(data.callerIdName) : null;
  const report = await tx.report.create({
    data: {
      e164: phone.e164,
      reporterId: actor?.id ?? null,
      anonymousKey: reporter.kind === "anonymous" ? reporter.addressKey : null,
      source: reporter.kind === "anonymous" ? "ANONYMOUS" : "MEMBER",
      organisationId: org?.id ?? null,
      claimId,
      occurredAt: data.occurredAt,
      channel: data.channel,
      category: data.category,
      askedFor: data.askedFor,
      leftMessage: data.leftMessage ?? null,
      callerIdName: callerIdName?.text ?? null,
      body: body?.text ?? null,
      bodyMasked: Boolean(body?.masked || callerIdName?.masked),
      proposedOrgName: data.proposedOrganisation?.name ?? null,
      idempotencyKey: data.idempotencyKey,
      createdAt: now,
    },
    select: { id: true },
  });

  if (org) {
    // The organisation's counter and breakdowns (categories, what was asked for, weeks) in one statement.
    await tx.$executeRaw`
      WITH r AS (SELECT "organisationId" AS org, category, "askedFor", date_trunc('week', "occurredAt" AT TIME ZONE 'UTC')::date AS week FROM "Report" WHERE id = ${report.id}),
      o AS (UPDATE "Organisation" SET "reportCount" = "reportCount" + 1 WHERE id = ${org.id}),
      c AS (INSERT INTO "OrganisationCategoryStat" ("organisationId", category, reports) SELECT org, category, 1 FROM r
            ON CONFLICT ("organisationId", category) DO UPDATE SET reports = "OrganisationCategoryStat".reports + 1),
      a AS (INSERT INTO "OrganisationAskedStat" ("organisationId", "askedFor", reports) SELECT DISTINCT org, item, 1 FROM r, unnest(r."askedFor") AS item
            ON CONFLICT ("organisationId", "askedFor") DO UPDATE SET reports = "OrganisationAskedStat".reports + 1)
      INSERT INTO "OrganisationWeekStat" ("organisationId", "weekStart", reports) SELECT org, week, 1 FROM r
      ON CONFLICT ("organisationId", "weekStart") DO UPDATE SET reports = "OrganisationWeekStat".reports + 1`;
  }

  const previous = await countReporter(tx, reporter, phone.e164, data.category, now);
  // The reporter counts once in the verdict, under their latest category.
  const movesFrom: ReportCategory | null = previous && previous.category !== data.category ? previous.category : null;
  const gain = !previous || movesFrom ? 1 : 0;
  const member = actor ? gain : 0;
  const visitor = actor ? 0 : gain;
  // The number's breakdowns and dates in one statement: its category (and the one the reporter moves
  // from, a different row), its week and first/last dates, computed from the stored row exactly as
  // lib/numbers/counters.ts does.
  await tx.$executeRaw`
    WITH r AS (SELECT e164, "occurredAt" FROM "Report" WHERE id = ${report.id}),
    c AS (INSERT INTO "NumberCategoryStat" (e164, category, reports, reporters, "anonymousReporters")
          VALUES (${phone.e164}, ${data.category}::"ReportCategory", 1, ${member}, ${visitor})
          ON CONFLICT (e164, category) DO UPDATE SET reports = "NumberCategoryStat".reports + 1,
            reporters = "NumberCategoryStat".reporters + ${member}, "anonymousReporters" = "NumberCategoryStat"."anonymousReporters" + ${visitor}),
    m AS (UPDATE "NumberCategoryStat" SET reporters = reporters - ${movesFrom && actor ? 1 : 0}, "anonymousReporters" = "anonymousReporters" - ${movesFrom && !actor ? 1 : 0}
          WHERE e164 = ${phone.e164} AND category::text = ${movesFrom ?? ""}),
    w AS (INSERT INTO "NumberWeekStat" (e164, "weekStart", reports)
          SELECT e164, date_trunc('week', "occurredAt" AT TIME ZONE 'UTC')::date, 1 FROM r
          ON CONFLICT (e164, "weekStart") DO UPDATE SET reports = "NumberWeekStat".reports + 1)
    UPDATE "PhoneNumber" p SET
      "firstReportedAt" = LEAST(p."firstReportedAt", r."occurredAt"),
      "lastReportedAt" = GREATEST(p."lastReportedAt", r."occurredAt"),
      "reporterCount" = p."reporterCount" + ${previous || !actor ? 0 : 1}
    FROM r WHERE p.e164 = r.e164`;
  await recordReportAlerts(tx, { id: report.id, e164: phone.e164, reporterId: actor?.id ?? null, category: data.category, organisationId: org?.id ?? null });

  return {
    id: report.id,
    e164: phone.e164,
    duplicate: false,
    masked: Boolean(body?.masked || callerIdName?.masked),
    organisation: org ? { id: org.id, slug: org.slug, name: org.name, status: org.status } : null,
  };
}

type Previous = { category: ReportCategory } | null;

/** Where a reporter counts once per number: members by id, visitors by their address key. */
const REPORTER_TABLES = {
  member: { table: Prisma.raw('"NumberReporter"'), key: Prisma.raw('"userId"') },
  anonymous: { table: Prisma.raw('"NumberAnonymousReporter"'), key: Prisma.raw('"addressKey"') },
} as const;

/**
 * The reporter's previous category on this number (null if first), and records this report, in one
 * statement: the CTE reads the row as it was before the upsert, and the number's row lock (taken first
 * in writeReport) keeps any other report on the number from moving it meanwhile.
 */
async function countReporter(tx: Tx, reporter: Reporter, e164: string, category: ReportCategory, now: Date): Promise<Previous> {
  const { table, key } = REPORTER_TABLES[reporter.kind];
  const id = reporter.kind === "member" ? reporter.actor.id : reporter.addressKey;
  const [row] = await tx.$queryRaw<{ previous: ReportCategory | null }[]>`
    WITH before AS (SELECT category FROM ${table} WHERE e164 = ${e164} AND ${key} = ${id}),
    upsert AS (INSERT INTO ${table} (e164, ${key}, category, reports, "lastReportedAt")
      VALUES (${e164}, ${id}, ${category}::"ReportCategory", 1, ${now})
      ON CONFLICT (e164, ${key}) DO UPDATE SET category = EXCLUDED.category, reports = ${table}.reports + 1, "lastReportedAt" = EXCLUDED."lastReportedAt")
    SELECT (SELECT category::text FROM before) AS previous`;
  return row?.previous ? { category: row.previous } : null;
}

async function proposeOrganisation(tx: Tx, actor: Actor, proposal: { name: string; website?: string }): Promise<OrgRef> {
  // One organisation per name, however many reports propose it at once: proposals of one name queue
  // on a transaction lock, and each re-checks once the one before it has committed.
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`organisation-name:${proposal.name.toLowerCase()}`}))) AS held`;
  const existing = await tx.organisation.findFirst({
    where: { name: { equals: proposal.name, mode: "insensitive" }, status: { in: ["ACTIVE", "PROPOSED"] } },
    orderBy: { status: "asc" },
    select: orgSelect,
  });
  if (existing) return { id: existing.id, slug: existing.slug, name: existing.name, status: existing.status };
  const base = slugify(proposal.name);
  const taken = await tx.organisation.findUnique({ where: { slug: base }, select: { id: true } });
  const slug = taken ? `${base.slice(0, 72)}-${randomBytes(3).toString("hex")}` : base;
  const host = proposal.website ? new URL(proposal.website).hostname.replace(/^www\./, "") : null;
  const domains = host ? [host] : [];
  return tx.organisation.create({
    data: {
      slug,
      name: proposal.name,
      website: proposal.website ?? null,
      domains,
      status: "PROPOSED",
      proposedById: actor.id,
      searchText: organisationSearchText({ name: proposal.name, domains }),
    },
    select: { id: true, slug: true, name: true, status: true },
  });
}

/** The organisation a report names; a merged one is followed to where it now lives. */
export async function resolveOrganisation(id: string): Promise<OrgRef> {
  let org = await db.organisation.findUnique({ where: { id }, select: orgSelect });
  for (let hops = 0; org?.status === "MERGED" && org.mergedIntoId && hops < 5; hops++) {
    org = await db.organisation.findUnique({ where: { id: org.mergedIntoId }, select: orgSelect });
  }
  if (!org || org.status === "MERGED") {
    throw new AppError("INVALID", "Please correct the highlighted fields.", {
      organisationId: ["We could not find that organisation. Choose it again from the suggestions."],
    });
  }
  return { id: org.id, slug: org.slug, name: org.name, status: org.status };
}

/** Proposing a name that already exists (active or proposed) links to it instead of duplicating it. */
async function findSameName(name: string): Promise<OrgRef | null> {
  const org = await db.organisation.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, status: { in: ["ACTIVE", "PROPOSED"] } },
    orderBy: { status: "asc" },
    select: orgSelect,
  });
  return org ? { id: org.id, slug: org.slug, name: org.name, status: org.status } : null;
}

async function findByKey(reporterId: string, idempotencyKey: string): Promise<CreatedReport | null> {
  const report = await db.report.findUnique({
    where: { reporterId_idempotencyKey: { reporterId, idempotencyKey } },
    select: { id: true, e164: true, bodyMasked: true, organisation: { select: { id: true, slug: true, name: true, status: true } } },
  });
  return report ? { id: report.id, e164: report.e164, duplicate: true, masked: report.bodyMasked, organisation: report.organisation } : null;
}

type Spent = [LimitName, string][];

async function spendLimits(actor: Actor, address: string, proposing: boolean): Promise<Spent> {
  const isNew = Date.now() - actor.createdAt.getTime() < DAY_MS;
  const accountLimit: LimitName = isNew ? "report-new-account" : "report";
  const plan: [LimitName, string, string][] = [
    [
      accountLimit,
      actor.id,
      `You have filed ${LIMITS[accountLimit].points} reports in the last day, the most ${isNew ? "an account less than a day old" : "one account"} may`,
    ],
    ["report-address", address, "Too many reports have come from your network today"],
  ];
  if (proposing) plan.push(["organisation-proposal", actor.id, "You have proposed as many organisations as you may in a day"]);
  // One statement for all of them; a used-up one gives the others back and throws.
  await consumeLimits(plan);
  return plan.map(([name, key]) => [name, key]);
}

async function refund(spent: Spent): Promise<void> {
  await refundLimits(spent);
}

/** A collision-resistant id in the same alphabet as Prisma's cuid(), for rows inserted with raw SQL. */
function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}

export type UserReport = Awaited<ReturnType<typeof listReportsByUser>>[number];

/** A member's own reports, newest first (for the account page). */
export async function listReportsByUser(userId: string, options: { take?: number } = {}) {
  return db.report.findMany({
    where: { reporterId: userId },
    orderBy: { createdAt: "desc" },
    take: Math.min(options.take ?? 50, 200),
    select: {
      id: true,
      e164: true,
      category: true,
      occurredAt: true,
      createdAt: true,
      bodyMasked: true,
      hiddenAt: true,
      organisation: { select: { name: true, slug: true, status: true } },
    },
  });
}
