import "server-only";
import { refreshListingAfterReport, refreshListingAfterWrite, type ListingState } from "../feeds/listing";
import { invalidateNumber } from "../platform/data-cache";
import { randomBytes } from "node:crypto";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db, sqlIn, type Tx } from "../platform/db";
import { AppError, isUniqueViolation, parseOrThrow, sqlStateOf } from "../platform/errors";
import type { Role } from "../generated/prisma/enums";
import { maskSensitive } from "./masking";
import { organisationSearchText, slugify } from "../organisations/slug";
import { consumeLimits, LIMITS, refundLimits, type LimitName } from "../platform/rate-limit";
import { reportSchema, type ReportInput } from "./schema";
import { alertOrganisationAboutReport } from "../representatives/alerts";
import { keptTrust } from "../trust/kept";
import { reweighNow } from "../trust/legitimacy";

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
 * organisation) if new, the report, and every counter it moves — in one statement, inside a transaction
 * when a proposal or a change of the member's trust level needs one (writeReportAlone, writeReport). A
 * resubmitted form (same idempotency key) returns the report already stored and creates nothing.
 */
export async function createReport(actor: Actor | null, input: unknown, options: { address: string }): Promise<CreatedReport> {
  // Parsed before the actor is checked, so a form comes back with every field's message first.
  const data = parseOrThrow(reportSchema, input);
  assertCanWrite(actor);

  const named = data.organisationId ? await resolveOrganisation(data.organisationId) : null;
  const proposal = data.proposedOrganisation ? await findSameName(data.proposedOrganisation.name) : null;

  // A resubmitted form is found by its key only when it collides (below) or the limits refuse it: the
  // first submission costs no lookup, and a resubmission is answered with the stored report either way.
  let spent: Spent;
  try {
    spent = await spendLimits(actor, options.address, Boolean(data.proposedOrganisation && !proposal));
  } catch (error) {
    const stored = error instanceof AppError && error.code === "RATE_LIMITED" ? await findByKey(actor.id, data.idempotencyKey) : null;
    if (stored) return stored;
    throw error;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const organisation = named ?? proposal;
      const alone = await writeReportAlone(actor, data, organisation);
      if (!alone) reportWays.transaction++;
      const written = alone ? { ...alone, reweigh: false } : await db.$transaction((tx) => writeReport(tx, { kind: "member", actor }, data, organisation), { maxWait: 20_000, timeout: 30_000 });
      const { created } = written;
      // A report that moved the member's level: their votes are re-weighed now that it has committed.
      if (written.reweigh) await reweighNow(actor.id);
      invalidateNumber(created.e164, [created.organisation?.id]);
      await alertOrganisationAboutReport(created);
      // The feeds have the number before the member is told it is saved.
      if (alone) await refreshListingAfterReport(created.e164, alone.listing);
      else await refreshListingAfterWrite(created.e164);
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
 *
 * The writes are one statement, callercheck_report (prisma/migrations/…_report_function): the
 * number's row locked first (every report on one number queues there, so the reporter's previous
 * category cannot race; lock order number → user → claim → organisation), the claim, the report, the organisation's and the number's counters and
 * breakdowns as lib/numbers/counters.ts recounts them, and the alerts outbox rows (lib/alerts/kinds.ts).
 * A proposed organisation is created first, in the same transaction. A member whose trust level the
 * report moves is left due for the trust sweep in it, and `reweigh` says so: the caller re-weighs their
 * votes once it has committed (lib/trust/legitimacy.ts reweighNow), because re-weighing locks the claims
 * they voted on, which here, behind this report's claim and organisation rows, could deadlock.
 */
export async function writeReport(tx: Tx, reporter: Reporter, data: ReportInput, organisation: OrgRef | null): Promise<{ created: CreatedReport; reweigh: boolean }> {
  const actor = reporter.kind === "member" ? reporter.actor : null;
  const org = organisation ?? (data.proposedOrganisation && actor ? await proposeOrganisation(tx, actor, data.proposedOrganisation) : null);
  const { row, created } = await callReportFunction(tx, reporter, data, org, null);
  if (actor && row.trustLevel !== null) {
    // The reporter's kept trust input moved. When their level moves, they are due for the sweep now (the caller
    // re-weighs them once this commits); when it does not, the time it may next move by itself is kept.
    const kept = keptTrust({ role: row.userRole!, createdAt: row.userCreatedAt!, emailVerified: row.emailVerified, suspendedAt: row.suspendedAt, visibleReports: row.visibleReportCount! }, row.createdAt);
    const reweigh = kept.level !== row.trustLevel;
    await tx.$executeRaw`UPDATE "User" SET "trustLevelCheckAt" = ${reweigh ? row.createdAt : kept.checkAt} WHERE id = ${actor.id}`;
    return { created, reweigh };
  }
  return { created, reweigh: false };
}

/**
 * A member's report in one statement, with no transaction around it, when it cannot move their trust
 * level: the level their session's row gives after one more visible report is the level stored, and they
 * propose no new organisation. callercheck_report checks that the row is still as the session read it (it
 * raises CC001, undoing everything, when not). Null when this way does not apply or the row had moved:
 * the caller files the report in a transaction (writeReport).
 */
async function writeReportAlone(actor: Actor, data: ReportInput, organisation: OrgRef | null): Promise<{ created: CreatedReport; listing: ListingState } | null> {
  if (actor.visibleReportCount === undefined || actor.trustLevel === undefined) return null;
  if (data.proposedOrganisation && !organisation) return null;
  const reports = actor.visibleReportCount + 1;
  const kept = keptTrust({ ...actor, visibleReports: reports }, new Date());
  if (kept.level !== actor.trustLevel) return null;
  try {
    const expect = { reports, level: actor.trustLevel, role: actor.role, emailVerified: actor.emailVerified, suspendedAt: actor.suspendedAt, checkAt: kept.checkAt };
    const { created, row } = await callReportFunction(null, { kind: "member", actor }, data, organisation, expect);
    reportWays.alone++;
    return { created, listing: row.listing! };
  } catch (error) {
    if (isRaised(error, "CC001")) {
      reportWays.refusedAlone++;
      return null;
    }
    throw error;
  }
}

/** How members' reports were filed in this process (read by the tests, which hold each way to a recount). */
export const reportWays = { alone: 0, refusedAlone: 0, transaction: 0 };

/** What the reporter's row must say after the report for the one-statement way, and their next check. */
type Expected = { reports: number; level: string; role: string; emailVerified: Date | null; suspendedAt: Date | null; checkAt: Date | null };

/** An error our SQL raised with this code, inside a raw query's failure. */
function isRaised(error: unknown, code: string): boolean {
  return sqlStateOf(error) === code;
}

/** callercheck_report, in the caller's transaction or (tx null) as one statement on the pool (sql). */
async function callReportFunction(tx: Tx | null, reporter: Reporter, data: ReportInput, org: OrgRef | null, expect: Expected | null) {
  const { phone } = data;
  const actor = reporter.kind === "member" ? reporter.actor : null;
  const body = data.body ? maskSensitive(data.body) : null;
  const callerIdName = data.callerIdName ? maskSensitive(data.callerIdName) : null;
  const masked = Boolean(body?.masked || callerIdName?.masked);
  // On its own (no transaction around it), the statement also reads the number's listing state once the
  // report is written (LATERAL: after the report's row), for refreshListingAfterReport; in a transaction
  // that read would come before the commit, so the caller refreshes the listing afterwards instead.
  const call = `callercheck_report($1, $2::text[], $3, $4, $5, $6, $7::text, $8::text, $9::text, $10::timestamp(3), $11, $12, $13::text[],
       $14::boolean, $15::text, $16::text, $17, $18::text, $19, $20::integer, $21::text, $22::text, $23::timestamp(3), $24::timestamp(3), $25::timestamp(3))`;
  const [row] = await sqlIn<WrittenReport>(
    tx,
    tx
      ? `SELECT *, NULL::json AS listing FROM ${call}`
      : `SELECT r.*, to_json(l) AS listing FROM ${call} r CROSS JOIN LATERAL callercheck_listing_state(CASE WHEN r."reportId" IS NOT NULL THEN $4 END) l`,
    [
      newId(), [newId(), newId()], newId(),
      phone.e164, phone.country, phone.type,
      actor?.id ?? null, reporter.kind === "anonymous" ? reporter.addressKey : null, org?.id ?? null,
      data.occurredAt, data.channel, data.category, data.askedFor,
      data.leftMessage ?? null, callerIdName?.text ?? null, body?.text ?? null, masked,
      data.proposedOrganisation?.name ?? null, data.idempotencyKey,
      expect?.reports ?? null, expect?.level ?? null, expect?.role ?? null,
      expect?.emailVerified ?? null, expect?.suspendedAt ?? null, expect?.checkAt ?? null,
    ],
  );
  const created: CreatedReport = {
    id: row.reportId,
    e164: phone.e164,
    duplicate: false,
    masked,
    organisation: org ? { id: org.id, slug: org.slug, name: org.name, status: org.status } : null,
  };
  return { row, created };
}

/** What callercheck_report answers: the report, and (for a member) their trust inputs after it. */
type WrittenReport = {
  reportId: string;
  createdAt: Date;
  userRole: Role | null;
  userCreatedAt: Date | null;
  emailVerified: Date | null;
  suspendedAt: Date | null;
  visibleReportCount: number | null;
  trustLevel: string | null;
  /** Filed on its own: the number's feed listing state read after it (callercheck_listing_state). */
  listing: ListingState | null;
};

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
