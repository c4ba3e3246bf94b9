import "server-only";
import { refreshListingAfterReport, refreshListingAfterWrite, type ListingState } from "../feeds/listing";
import { invalidateNumber } from "../platform/data-cache";
import { randomBytes } from "node:crypto";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db, sql, sqlIn, type Tx } from "../platform/db";
import { AppError, isUniqueViolation, parseOrThrow, sqlStateOf } from "../platform/errors";
import type { Role } from "../generated/prisma/enums";
import { maskSensitive } from "./masking";
import { findSameName, proposeOrganisation, resolveOrganisation, type OrgRef } from "./report-organisation";
import { consumeLimits, LIMITS, refundLimits, settleSpend, SPEND_SQL, spendParams, type LimitName, type LimitSpend } from "../platform/rate-limit";
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
  organisation: OrgRef | null;
};

/**
 * Files one report: the number if new, a proposed organisation if asked, the claim (number ↔
 * organisation) if new, the report, and every counter it moves. Most reports are one statement with their
 * rate limits and their number's listing state (writeReportAlone); a proposal or a change of the member's
 * trust level takes a transaction (writeReport), its limits spent just before. A resubmitted form (same
 * idempotency key) returns the report already stored and creates nothing.
 */
export async function createReport(actor: Actor | null, input: unknown, options: { address: string }): Promise<CreatedReport> {
  // Parsed before the actor is checked, so a form comes back with every field's message first.
  const data = parseOrThrow(reportSchema, input);
  assertCanWrite(actor);

  const named = data.organisationId ? await resolveOrganisation(data.organisationId) : null;
  const proposal = data.proposedOrganisation ? await findSameName(data.proposedOrganisation.name) : null;
  const organisation = named ?? proposal;
  const limits = reportLimits(actor, options.address, Boolean(data.proposedOrganisation && !proposal));

  // A resubmitted form is found by its key only when it collides or the limits refuse it: a first
  // submission costs no lookup, and a resubmission is answered with the report stored either way.
  const resubmitted = async (error: unknown) =>
    isUniqueViolation(error) || (error instanceof AppError && error.code === "RATE_LIMITED") ? findByKey(actor.id, data.idempotencyKey) : null;

  // Most reports: the limits, the report and the number's listing state in one statement.
  let alone: Awaited<ReturnType<typeof writeReportAlone>>;
  try {
    alone = await writeReportAlone(actor, data, organisation, limits);
  } catch (error) {
    const stored = await resubmitted(error);
    if (stored) return stored;
    throw error;
  }
  if (alone) return afterReport(alone.created, { listing: alone.listing });

  // Otherwise in a transaction, the limits spent first.
  try {
    await consumeLimits(limits);
  } catch (error) {
    const stored = await resubmitted(error);
    if (stored) return stored;
    throw error;
  }
  reportWays.transaction++;
  const spent: Spent = limits.map(([name, key]) => [name, key]);
  for (let attempt = 1; ; attempt++) {
    try {
      const written = await db.$transaction((tx) => writeReport(tx, { kind: "member", actor }, data, organisation), { maxWait: 20_000, timeout: 30_000 });
      // A report that moved the member's level: their votes are re-weighed now that it has committed.
      if (written.reweigh) await reweighNow(actor.id);
      return afterReport(written.created, { listing: null });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const stored = await findByKey(actor.id, data.idempotencyKey);
        if (stored) {
          await refundLimits(spent);
          return stored;
        }
        // A proposal's slug taken at the same moment: the next attempt picks another.
        if (attempt < 3) continue;
      }
      await refundLimits(spent);
      throw error;
    }
  }
}

/**
 * Once a member's report has committed: the caches of what it changed, the organisation's alert, and the
 * number's feed listing, so the feeds have the number before the member is told it is saved (from the
 * listing state the report's own statement read, when it was filed in one).
 */
async function afterReport(created: CreatedReport, { listing }: { listing: ListingState | null }): Promise<CreatedReport> {
  invalidateNumber(created.e164, [created.organisation?.id]);
  await alertOrganisationAboutReport(created);
  if (listing) await refreshListingAfterReport(created.e164, listing);
  else await refreshListingAfterWrite(created.e164);
  return created;
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
  const { row, created } = await callReportFunction(tx, reporter, data, org);
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
 * propose no new organisation. The statement spends the report's rate limits first (SPEND_SQL) and files
 * the report only if none is used up; then callercheck_report checks that the reporter's row is still as
 * the session read it (it raises CC001, undoing everything, limits included, when not), and the number's
 * listing state is read after it. Null when this way does not apply or the row had moved: the caller
 * files the report in a transaction (writeReport). RATE_LIMITED when a limit is used up (nothing filed).
 */
async function writeReportAlone(actor: Actor, data: ReportInput, organisation: OrgRef | null, limits: LimitSpend[]): Promise<{ created: CreatedReport; listing: ListingState } | null> {
  if (actor.visibleReportCount === undefined || actor.trustLevel === undefined) return null;
  if (data.proposedOrganisation && !organisation) return null;
  const now = new Date();
  const reports = actor.visibleReportCount + 1;
  const kept = keptTrust({ ...actor, visibleReports: reports }, now);
  if (kept.level !== actor.trustLevel) return null;
  try {
    const expect = { reports, level: actor.trustLevel, role: actor.role, emailVerified: actor.emailVerified, suspendedAt: actor.suspendedAt, checkAt: kept.checkAt };
    const { args, masked } = reportArgs({ kind: "member", actor }, data, organisation, expect);
    const [{ spent, filed }] = await sql<{ spent: SpentAlone; filed: { reportId: string; listing: ListingState } | null }>(REPORT_ALONE_SQL, [...spendParams(limits, now), ...args]);
    // A used-up limit: the report was not filed; the others are given back and RATE_LIMITED thrown.
    await settleSpend(limits, spent.map(({ key, points, expireMs }) => ({ key, points, expire: new Date(expireMs) })), now);
    if (!filed) throw new Error("callercheck_report filed nothing within the limits");
    reportWays.alone++;
    return { created: createdReport(filed.reportId, data.phone.e164, masked, organisation), listing: filed.listing };
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

/** callercheck_report's arguments' casts, in order ("" where the function's own type decides). */
const REPORT_ARG_CASTS = ["", "text[]", "", "", "", "", "text", "text", "text", "timestamp(3)", "", "", "text[]", "boolean", "text", "text", "", "text", "", "integer", "text", "text", "timestamp(3)", "timestamp(3)", "timestamp(3)"];
/** The call of callercheck_report with its arguments from $first on. */
const reportCall = (first: number) => `callercheck_report(${REPORT_ARG_CASTS.map((cast, i) => `$${first + i}${cast ? `::${cast}` : ""}`).join(", ")})`;

/**
 * One statement on the pool (no transaction): the limits spent (SPEND_SQL as a CTE, $1–$3; $4 each limit's
 * points, for the check), then, only
 * if none is used up, the report (from $5; $8 is its number) and, after it (LATERAL on the report's row),
 * the number's listing state. The report is a subquery in a CASE branch, which PostgreSQL evaluates only
 * when the branch is taken (a LATERAL join's WHERE would run the function and then drop its row). Every
 * spent row comes back for settleSpend, and the report's row as JSON when it was filed.
 */
const REPORT_ALONE_SQL = `WITH spent AS (${SPEND_SQL}),
     within AS (SELECT bool_and(s.points <= m.points) AS ok FROM spent s JOIN unnest($1::text[], $4::int[]) AS m(key, points) USING (key))
SELECT (SELECT json_agg(json_build_object('key', s.key, 'points', s.points, 'expireMs', extract(epoch FROM s.expire) * 1000)) FROM spent s) AS spent,
       CASE WHEN within.ok THEN (
         SELECT json_build_object('reportId', r."reportId", 'listing', to_json(l))
           FROM ${reportCall(5)} r
          CROSS JOIN LATERAL callercheck_listing_state(CASE WHEN r."reportId" IS NOT NULL AND within.ok THEN $8 END) l) END AS filed
  FROM within`;

/** callercheck_report's arguments for one report, and whether its texts were masked. */
function reportArgs(reporter: Reporter, data: ReportInput, org: OrgRef | null, expect: Expected | null): { args: unknown[]; masked: boolean } {
  const { phone } = data;
  const actor = reporter.kind === "member" ? reporter.actor : null;
  const body = data.body ? maskSensitive(data.body) : null;
  const callerIdName = data.callerIdName ? maskSensitive(data.callerIdName) : null;
  const masked = Boolean(body?.masked || callerIdName?.masked);
  const args = [
    newId(), [newId(), newId()], newId(),
    phone.e164, phone.country, phone.type,
    actor?.id ?? null, reporter.kind === "anonymous" ? reporter.addressKey : null, org?.id ?? null,
    data.occurredAt, data.channel, data.category, data.askedFor,
    data.leftMessage ?? null, callerIdName?.text ?? null, body?.text ?? null, masked,
    data.proposedOrganisation?.name ?? null, data.idempotencyKey,
    expect?.reports ?? null, expect?.level ?? null, expect?.role ?? null,
    expect?.emailVerified ?? null, expect?.suspendedAt ?? null, expect?.checkAt ?? null,
  ];
  return { args, masked };
}

/** callercheck_report in the caller's transaction. */
async function callReportFunction(tx: Tx, reporter: Reporter, data: ReportInput, org: OrgRef | null) {
  const { args, masked } = reportArgs(reporter, data, org, null);
  const [row] = await sqlIn<WrittenReport>(tx, `SELECT * FROM ${reportCall(1)}`, args);
  return { row: row!, created: createdReport(row!.reportId, data.phone.e164, masked, org) };
}

/** What a report's writer answers for it. */
function createdReport(id: string, e164: string, masked: boolean, org: OrgRef | null): CreatedReport {
  return { id, e164, duplicate: false, masked, organisation: org ? { id: org.id, slug: org.slug, name: org.name, status: org.status } : null };
}

/** The limits REPORT_ALONE_SQL spent, whether or not it filed the report. */
type SpentAlone = Array<{ key: string; points: number; expireMs: number }>;

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
};

async function findByKey(reporterId: string, idempotencyKey: string): Promise<CreatedReport | null> {
  const report = await db.report.findUnique({
    where: { reporterId_idempotencyKey: { reporterId, idempotencyKey } },
    select: { id: true, e164: true, bodyMasked: true, organisation: { select: { id: true, slug: true, name: true, status: true } } },
  });
  return report ? { id: report.id, e164: report.e164, duplicate: true, masked: report.bodyMasked, organisation: report.organisation } : null;
}

type Spent = [LimitName, string][];

/** The limits a member's report spends: the account's (smaller in its first day), the address's, and a proposal's. */
function reportLimits(actor: Actor, address: string, proposing: boolean): LimitSpend[] {
  const isNew = Date.now() - actor.createdAt.getTime() < DAY_MS;
  const accountLimit: LimitName = isNew ? "report-new-account" : "report";
  const plan: LimitSpend[] = [
    [
      accountLimit,
      actor.id,
      `You have filed ${LIMITS[accountLimit].points} reports in the last day, the most ${isNew ? "an account less than a day old" : "one account"} may`,
    ],
    ["report-address", address, "Too many reports have come from your network today"],
  ];
  if (proposing) plan.push(["organisation-proposal", actor.id, "You have proposed as many organisations as you may in a day"]);
  return plan;
}

/** A collision-resistant id in the same alphabet as Prisma's cuid(), for rows inserted with raw SQL. */
function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}
