import "server-only";
import { refreshTrustLevels } from "../trust/legitimacy";
import { recordAudit } from "../platform/audit";
import { type Actor, assertModerator } from "../accounts/authz";
import { db, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { reasonField } from "../platform/schema-fields";
import { flagDecisionSchema } from "./schema";
import { QUEUE_PAGE_SIZE, queueCursor, queuePage } from "../platform/queue-pages";

// Flags and brigading alerts. Organisations live in lib/organisations/admin.ts, accounts in
// lib/accounts/admin.ts, removal requests in lib/moderation/removals.ts, the registry in lib/registry/promote.ts.

export type FlagDecision = { targetType: "comment" | "report"; targetId: string; decision: "hide" | "restore" | "dismiss"; reason: string };

/**
 * hide: hides the content and upholds its open flags; restore: shows hidden content again and
 * dismisses open flags; dismiss: keeps the content as it is and dismisses open flags.
 */
export async function resolveFlags(actor: Actor | null, input: FlagDecision) {
  assertModerator(actor);
  const data = parseOrThrow(flagDecisionSchema, input);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const target =
      data.targetType === "comment"
        ? await tx.comment.findUnique({ where: { id: data.targetId }, select: { id: true, e164: true, hiddenAt: true, hiddenReason: true } })
        : await tx.report.findUnique({ where: { id: data.targetId }, select: { id: true, e164: true, hiddenAt: true, hiddenReason: true } });
    if (!target) throw new AppError("NOT_FOUND", "That content no longer exists.");
    const flagWhere = { status: "OPEN" as const, ...(data.targetType === "comment" ? { commentId: target.id } : { reportId: target.id }) };
    const openFlags = await tx.flag.count({ where: flagWhere });
    if (data.decision === "dismiss" && openFlags === 0) throw new AppError("CONFLICT", "There are no open flags on this to dismiss.");
    if (data.decision === "restore" && !target.hiddenAt) throw new AppError("CONFLICT", "This is not hidden.");
    if (data.decision === "hide" && target.hiddenAt) throw new AppError("CONFLICT", "This is already hidden.");
    let hidden = { hiddenAt: target.hiddenAt, hiddenReason: target.hiddenReason };
    if (data.decision !== "dismiss") {
      hidden = data.decision === "hide" ? { hiddenAt: now, hiddenReason: data.reason } : { hiddenAt: null, hiddenReason: null };
      if (data.targetType === "comment") await tx.comment.update({ where: { id: target.id }, data: hidden });
      else await setReportHidden(tx, target.id, hidden, now);
    }
    await tx.flag.updateMany({ where: flagWhere, data: { status: data.decision === "hide" ? "UPHELD" : "DISMISSED", resolvedById: actor.id, resolvedAt: now } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `${data.targetType}.${data.decision}`,
      targetType: data.targetType === "comment" ? "Comment" : "Report",
      targetId: target.id,
      reason: data.reason,
      before: { hidden: !!target.hiddenAt, openFlags },
      after: { hidden: !!hidden.hiddenAt, openFlags: 0 },
    });
    return { e164: target.e164 };
  });
}

/**
 * Hides a report (or shows it again): off the number's page and lists. A hidden report stops counting towards
 * its author's trust level (and so their votes' weight); a visitor's report (no author) has none to move.
 * The caller drops the cached pages (recordAudit drops everything; flagReport its number's).
 */
export async function setReportHidden(tx: Tx, reportId: string, hidden: { hiddenAt: Date | null; hiddenReason: string | null }, now = new Date()): Promise<void> {
  const { reporterId } = await tx.report.update({ where: { id: reportId }, data: hidden, select: { reporterId: true } });
  if (reporterId) {
    await tx.$executeRaw`UPDATE "User" SET "visibleReportCount" = "visibleReportCount" + ${hidden.hiddenAt ? -1 : 1} WHERE id = ${reporterId}`;
    await refreshTrustLevels(tx, [reporterId], now);
  }
}

export type FlaggedItem = {
  targetType: "comment" | "report";
  id: string;
  e164: string;
  text: string | null;
  category?: string;
  /** Null for a visitor's report (no account): shown to moderators as "anonymous". */
  author: string | null;
  anonymous: boolean;
  hiddenAt: Date | null;
  createdAt: Date;
  flags: { id: string; reason: string; note: string | null; flagger: string; createdAt: Date }[];
};

/**
 * Content with open flags, grouped per item, oldest flag first: one page of `take` flags after the
 * flag `after`. `next` is the cursor of the following page (null on the last).
 */
export async function listFlagQueue(take = 2 * QUEUE_PAGE_SIZE, after?: string): Promise<{ items: FlaggedItem[]; next: string | null }> {
  // One flag past the page: whether a next page exists (so "Next page" never leads nowhere).
  const read = await db.flag.findMany({
    where: { status: "OPEN" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: take + 1,
    ...queueCursor(after),
    select: {
      id: true,
      reason: true,
      note: true,
      createdAt: true,
      flagger: { select: { name: true } },
      comment: { select: { id: true, e164: true, body: true, hiddenAt: true, createdAt: true, author: { select: { name: true } } } },
      report: { select: { id: true, e164: true, body: true, category: true, hiddenAt: true, createdAt: true, source: true, reporter: { select: { name: true } } } },
    },
  });
  const { items: flags, next } = queuePage(read, take);
  const items = new Map<string, FlaggedItem>();
  for (const flag of flags) {
    const entry = { id: flag.id, reason: flag.reason, note: flag.note, flagger: flag.flagger.name, createdAt: flag.createdAt };
    const key = flag.comment ? `c:${flag.comment.id}` : flag.report ? `r:${flag.report.id}` : null;
    if (!key) continue;
    let item = items.get(key);
    if (!item) {
      item = flag.comment
        ? { targetType: "comment", id: flag.comment.id, e164: flag.comment.e164, text: flag.comment.body, author: flag.comment.author.name, anonymous: false, hiddenAt: flag.comment.hiddenAt, createdAt: flag.comment.createdAt, flags: [] }
        : { targetType: "report", id: flag.report!.id, e164: flag.report!.e164, text: flag.report!.body, category: flag.report!.category, author: flag.report!.reporter?.name ?? null, anonymous: flag.report!.source === "ANONYMOUS", hiddenAt: flag.report!.hiddenAt, createdAt: flag.report!.createdAt, flags: [] };
      items.set(key, item);
    }
    item.flags.push(entry);
  }
  return { items: [...items.values()], next };
}


export async function listOpenAlerts(take = QUEUE_PAGE_SIZE, after?: string) {
  return db.claimAlert.findMany({
    where: { resolvedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    ...queueCursor(after),
    select: {
      id: true,
      kind: true,
      detail: true,
      createdAt: true,
      claim: { select: { id: true, e164: true, status: true, legitVotes: true, notLegitVotes: true, organisation: { select: { name: true, slug: true } } } },
    },
  });
}

export async function resolveAlert(actor: Actor | null, alertId: string, reason: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, reason);
  return db.$transaction(async (tx) => {
    const resolved = await tx.claimAlert.updateMany({ where: { id: alertId, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedById: actor.id } });
    if (resolved.count === 0) throw new AppError("CONFLICT", "That alert is already resolved or no longer exists.");
    const alert = await tx.claimAlert.findUniqueOrThrow({ where: { id: alertId }, select: { kind: true, claimId: true } });
    await recordAudit(tx, { actorId: actor.id, action: "alert.resolve", targetType: "ClaimAlert", targetId: alertId, reason: why, before: { resolved: false, kind: alert.kind, claimId: alert.claimId }, after: { resolved: true } });
  });
}

export type QueueSize = { count: number; oldest: Date | null };

/** Size and oldest item of each queue (promotion candidates are counted by lib/registry/candidates.ts). */
export async function queueSizes(): Promise<Record<"flags" | "organisations" | "alerts" | "removals", QueueSize>> {
  const [flags, organisations, alerts, removals] = await Promise.all([
    db.flag.aggregate({ where: { status: "OPEN" }, _count: { _all: true }, _min: { createdAt: true } }),
    db.organisation.aggregate({ where: { status: "PROPOSED" }, _count: { _all: true }, _min: { createdAt: true } }),
    db.claimAlert.aggregate({ where: { resolvedAt: null }, _count: { _all: true }, _min: { createdAt: true } }),
    db.removalRequest.aggregate({ where: { status: "PENDING" }, _count: { _all: true }, _min: { createdAt: true } }),
  ]);
  const size = (row: { _count: { _all: number }; _min: { createdAt: Date | null } }) => ({ count: row._count._all, oldest: row._min.createdAt });
  return { flags: size(flags), organisations: size(organisations), alerts: size(alerts), removals: size(removals) };
}
