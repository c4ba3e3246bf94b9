import "server-only";
import { recordAudit } from "../platform/audit";
import { assertRole, type Actor, assertModerator } from "./authz";
import { db, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { Role } from "../generated/prisma/enums";
import { isAdmin, isAdminRole, isStaffRole } from "./roles";
import { reasonField } from "../platform/schema-fields";
import { roleSchema } from "./schema";
import { refreshTrustLevels } from "../trust/legitimacy";

// Suspensions (moderators and admins) and roles (admins only). There is always one active admin.

const memberSelect = { id: true, name: true, email: true, role: true, suspendedAt: true, suspendedReason: true, createdAt: true, deletedAt: true } as const;

export async function listMembers(q = "", take = 50) {
  const text = q.trim();
  return db.user.findMany({
    where: { deletedAt: null, ...(text ? { OR: [{ email: { contains: text, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }, { id: text }] } : {}) },
    orderBy: [{ suspendedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take,
    select: { id: true, name: true, email: true, role: true, suspendedAt: true, suspendedReason: true, createdAt: true, _count: { select: { reports: true } } },
  });
}

async function lockMember(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id: userId }, select: memberSelect });
  if (!user || user.deletedAt) throw new AppError("NOT_FOUND", "That member no longer exists.");
  return user;
}

/** Locks every active admin row, then counts them: concurrent demotions are serialised. */
async function activeAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'ADMIN' AND "deletedAt" IS NULL AND "suspendedAt" IS NULL ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
}

async function assertNotLastAdmin(tx: Tx, userId: string) {
  const admins = await activeAdmins(tx);
  if (admins.length === 1 && admins[0] === userId) throw new AppError("CONFLICT", "This is the last admin: make someone else an admin first.");
}

export async function suspendMember(actor: Actor | null, userId: string, reason: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, reason);
  if (userId === actor.id) throw new AppError("INVALID", "You cannot suspend yourself.");
  return db.$transaction(async (tx) => {
    await activeAdmins(tx); // admin rows first, always in the same order: no deadlock with a role change
    const user = await lockMember(tx, userId);
    if (user.suspendedAt) throw new AppError("CONFLICT", "This member is already suspended.");
    if (isStaffRole(user.role) && !isAdmin(actor)) throw new AppError("FORBIDDEN", "Only an admin can suspend a moderator or an admin.");
    if (isAdminRole(user.role)) await assertNotLastAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { suspendedAt: new Date(), suspendedReason: why, sessionVersion: { increment: 1 } } });
    await refreshTrustLevels(tx, [userId]);
    await recordAudit(tx, { actorId: actor.id, action: "member.suspend", targetType: "User", targetId: userId, reason: why, before: { suspended: false }, after: { suspended: true } });
  });
}

export async function unsuspendMember(actor: Actor | null, userId: string, reason: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, reason);
  return db.$transaction(async (tx) => {
    const user = await lockMember(tx, userId);
    if (!user.suspendedAt) throw new AppError("CONFLICT", "This member is not suspended.");
    if (isStaffRole(user.role) && !isAdmin(actor)) throw new AppError("FORBIDDEN", "Only an admin can lift a moderator's or an admin's suspension.");
    await tx.user.update({ where: { id: userId }, data: { suspendedAt: null, suspendedReason: null } });
    await refreshTrustLevels(tx, [userId]);
    await recordAudit(tx, { actorId: actor.id, action: "member.unsuspend", targetType: "User", targetId: userId, reason: why, before: { suspended: true, reason: user.suspendedReason }, after: { suspended: false } });
  });
}

export async function changeRole(actor: Actor | null, userId: string, role: Role, reason: string) {
  assertRole(actor, Role.ADMIN);
  const nextRole = parseOrThrow(roleSchema, role);
  const why = parseOrThrow(reasonField, reason);
  return db.$transaction(async (tx) => {
    await activeAdmins(tx); // admin rows first, always in the same order: no deadlock with a suspension
    const user = await lockMember(tx, userId);
    if (user.role === nextRole) throw new AppError("CONFLICT", `This member is already ${nextRole.toLowerCase()}.`);
    if (isAdminRole(user.role)) await assertNotLastAdmin(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role: nextRole, sessionVersion: { increment: 1 } } });
    await refreshTrustLevels(tx, [userId]);
    await recordAudit(tx, { actorId: actor.id, action: "member.role", targetType: "User", targetId: userId, reason: why, before: { role: user.role }, after: { role: nextRole } });
  });
}
