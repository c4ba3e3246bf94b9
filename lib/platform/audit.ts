import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { invalidateAll } from "./data-cache";
import { db, type Tx } from "./db";

// The audit log is append-only: this module only ever creates and reads entries (and a database
// trigger refuses UPDATE and DELETE on the table anyway).

/** Longer than an audited transaction takes to commit. */
const AUDITED_WRITE_HOLD_MS = 3_000;

export type AuditInput = {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

/** Writes one entry inside the caller's transaction, so the action and its record commit together. */
export async function recordAudit(tx: Tx, entry: AuditInput): Promise<void> {
  // Every audited action (moderation, registry, organisations, representatives, roles) may change what
  // visitors read: the data cache is dropped, and keeps nothing until the transaction has had time to commit.
  invalidateAll({ holdMs: AUDITED_WRITE_HOLD_MS });
  await tx.auditEntry.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reason: entry.reason ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}

export type AuditFilters = { actor?: string; action?: string; target?: string; cursor?: string; take?: number };

export type AuditRow = {
  id: string;
  actor: { id: string; name: string; email: string };
  action: string;
  targetType: string;
  targetId: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
};

/** Newest first. `actor` matches the actor's id, name or e-mail; `target` a target id or type. */
export async function listAudit(filters: AuditFilters = {}): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const take = Math.min(Math.max(filters.take ?? 50, 1), 200);
  const where: Prisma.AuditEntryWhereInput = {};
  const actor = filters.actor?.trim();
  if (actor) {
    where.actor = { OR: [{ id: actor }, { email: { contains: actor, mode: "insensitive" } }, { name: { contains: actor, mode: "insensitive" } }] };
  }
  const action = filters.action?.trim();
  if (action) where.action = { startsWith: action };
  const target = filters.target?.trim();
  if (target) where.OR = [{ targetId: target }, { targetType: { equals: target, mode: "insensitive" } }];
  const rows = await db.auditEntry.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(filters.cursor ? { cursor: { id: filters.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      reason: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  const more = rows.length > take;
  const page = more ? rows.slice(0, take) : rows;
  return { rows: page, nextCursor: more ? page[page.length - 1].id : null };
}

/** Distinct action names seen so far, for the log's filter. */
export async function listAuditActions(): Promise<string[]> {
  const rows = await db.auditEntry.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return rows.map((row) => row.action);
}
