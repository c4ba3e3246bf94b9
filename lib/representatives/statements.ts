import "server-only";
import { assertCanManageOrganisation, assertModerator, type Actor } from "../accounts/authz";
import { recordAudit } from "../platform/audit";
import { db } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { maskSensitive } from "../reports/masking";
import { reasonField } from "../platform/schema-fields";
import { statementSchema } from "./schema";

// Right of reply: one statement per number page per organisation, written by a representative as the
// organisation and only on a page that claims it. Writing again replaces it. Moderators hide it.

export async function postStatement(actor: Actor | null, input: { organisationId: string; e164: string; body: string }) {
  const data = parseOrThrow(statementSchema, input);
  const who = await assertCanManageOrganisation(actor, data.organisationId);
  const claim = await db.claim.findUnique({ where: { e164_organisationKey: { e164: data.e164, organisationKey: data.organisationId } }, select: { id: true } });
  if (!claim) throw new AppError("INVALID", "You can only post a statement on a number that claims your organisation.");
  const body = maskSensitive(data.body).text;
  return db.$transaction(async (tx) => {
    const before = await tx.organisationStatement.findUnique({ where: { organisationId_e164: { organisationId: data.organisationId, e164: data.e164 } }, select: { body: true, hiddenAt: true } });
    if (before?.hiddenAt) throw new AppError("FORBIDDEN", "A moderator hid this statement; it cannot be edited.");
    const row = await tx.organisationStatement.upsert({
      where: { organisationId_e164: { organisationId: data.organisationId, e164: data.e164 } },
      create: { organisationId: data.organisationId, e164: data.e164, authorId: who.id, body },
      update: { body, authorId: who.id },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: who.id, action: "organisation.statement", targetType: "OrganisationStatement", targetId: row.id, before: before ? { body: before.body } : null, after: { e164: data.e164, body } });
    return row;
  });
}

export async function hideStatement(actor: Actor | null, statementId: string, reason: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, reason);
  return db.$transaction(async (tx) => {
    const row = await tx.organisationStatement.findUnique({ where: { id: statementId }, select: { id: true, e164: true, body: true, hiddenAt: true } });
    if (!row) throw new AppError("NOT_FOUND", "That statement no longer exists.");
    if (row.hiddenAt) throw new AppError("CONFLICT", "That statement is already hidden.");
    await tx.organisationStatement.update({ where: { id: row.id }, data: { hiddenAt: new Date(), hiddenReason: why } });
    await recordAudit(tx, { actorId: actor.id, action: "organisation.statement.hide", targetType: "OrganisationStatement", targetId: row.id, reason: why, before: { body: row.body, hidden: false }, after: { hidden: true } });
    return { id: row.id, e164: row.e164 };
  });
}

/** Visible statements on a number page, each with its organisation. */
export async function listStatements(e164: string) {
  return db.organisationStatement.findMany({
    where: { e164, hiddenAt: null, organisation: { status: "ACTIVE" } },
    orderBy: { createdAt: "asc" },
    take: 10,
    select: { id: true, body: true, createdAt: true, updatedAt: true, organisation: { select: { id: true, slug: true, name: true } } },
  });
}

/** Recent statements for the moderators' list. */
export async function listRecentStatements(take = 50) {
  return db.organisationStatement.findMany({
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, e164: true, body: true, hiddenAt: true, hiddenReason: true, updatedAt: true, organisation: { select: { slug: true, name: true } }, author: { select: { name: true } } },
  });
}
