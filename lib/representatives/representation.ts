import "server-only";
import { assertCanWrite, assertModerator, type Actor } from "../accounts/authz";
import { consumeTokenWithPayload, issueToken } from "../accounts/tokens";
import { recordAudit } from "../platform/audit";
import { QUEUE_PAGE_SIZE, queueCursor } from "../platform/queue-pages";
import { db } from "../platform/db";
import { env } from "../platform/env";
import { AppError, parseOrThrow } from "../platform/errors";
import { sendMail } from "../platform/mail";
import { consumeLimit } from "../platform/rate-limit";
import { reasonField } from "../platform/schema-fields";
import { emailMatchesDomains } from "./domains";
import { approvalSchema, representationRequestSchema, type RepresentationRequestInput } from "./schema";

// Becoming an organisation's representative: a confirmation link to an address at one of its
// recorded domains, or a moderator's approval with evidence. Moderators revoke. Every step is audited.

const CONFIRM_TTL_MINUTES = 48 * 60;

// Audit snapshots are read by people on the audit log: words, not enum names.
const repSnapshot = (rep: { status: string; method: string; email: string; evidence: string | null }) => ({
  status: rep.status.toLowerCase(),
  method: rep.method === "DOMAIN_EMAIL" ? "e-mail at the organisation's domain" : "moderator approval",
  email: rep.email,
  evidence: rep.evidence,
});

export type RequestOutcome = { status: "EMAIL_SENT" | "AWAITING_MODERATOR" | "ALREADY_ACTIVE" };

export async function requestRepresentation(actor: Actor | null, input: RepresentationRequestInput): Promise<RequestOutcome> {
  assertCanWrite(actor);
  const data = parseOrThrow(representationRequestSchema, input);
  const org = await db.organisation.findUnique({ where: { id: data.organisationId }, select: { id: true, name: true, slug: true, status: true, domains: true } });
  if (!org || org.status !== "ACTIVE") throw new AppError("NOT_FOUND", "That organisation is not listed.");
  if (data.email && !emailMatchesDomains(data.email, org.domains)) {
    const list = org.domains.length ? org.domains.join(", ") : "none recorded yet";
    throw new AppError("INVALID", `Use an address at ${org.name}'s own domain (${list}), or ask a moderator instead.`, { email: [`Use an address at ${list}.`] });
  }
  await consumeLimit("representative-request", actor.id, "You have asked to represent organisations too often");
  const existing = await db.organisationRepresentative.findUnique({ where: { userId_organisationId: { userId: actor.id, organisationId: org.id } }, select: { id: true, status: true, method: true, email: true, evidence: true } });
  if (existing?.status === "ACTIVE") return { status: "ALREADY_ACTIVE" };
  const method = data.email ? ("DOMAIN_EMAIL" as const) : ("MODERATOR" as const);
  const fields = { email: data.email ?? actor.email, method, evidence: data.evidence, status: "PENDING" as const, confirmedAt: null, revokedAt: null, revokeReason: null, decidedById: null };
  const rep = await db.$transaction(async (tx) => {
    const row = existing
      ? await tx.organisationRepresentative.update({ where: { id: existing.id }, data: fields, select: { id: true, status: true, method: true, email: true, evidence: true } })
      : await tx.organisationRepresentative.create({ data: { ...fields, userId: actor.id, organisationId: org.id }, select: { id: true, status: true, method: true, email: true, evidence: true } });
    await recordAudit(tx, { actorId: actor.id, action: "representative.request", targetType: "OrganisationRepresentative", targetId: row.id, reason: data.evidence, before: existing ? repSnapshot(existing) : null, after: repSnapshot(row) });
    return row;
  });
  if (!data.email) return { status: "AWAITING_MODERATOR" };
  const token = await issueToken(actor.id, "REPRESENTATIVE", CONFIRM_TTL_MINUTES, { representativeId: rep.id });
  const link = `${env.APP_URL.replace(/\/$/, "")}/representatives/confirm?token=${token}`;
  await sendMail({
    to: data.email,
    subject: `Confirm you represent ${org.name} on CallerCheck`,
    text: `${actor.name} asked to represent ${org.name} on CallerCheck using this address.\n\nIf that was you, confirm within 48 hours:\n${link}\n\nIf not, ignore this e-mail: nothing changes.`,
  });
  return { status: "EMAIL_SENT" };
}

/** The link in the e-mail. Returns the organisation now represented, or null for an unknown, used or expired link. */
export async function confirmRepresentation(token: string): Promise<{ slug: string; name: string } | null> {
  if (typeof token !== "string") return null;
  const used = await consumeTokenWithPayload(token, "REPRESENTATIVE");
  if (!used?.payload.representativeId) return null;
  return db.$transaction(async (tx) => {
    const rep = await tx.organisationRepresentative.findUnique({
      where: { id: used.payload.representativeId },
      select: { id: true, userId: true, status: true, method: true, email: true, evidence: true, organisation: { select: { slug: true, name: true, domains: true } } },
    });
    // The request may have been revoked, or the domain list changed, since the link was sent.
    if (!rep || rep.userId !== used.userId || rep.status !== "PENDING" || rep.method !== "DOMAIN_EMAIL" || !emailMatchesDomains(rep.email, rep.organisation.domains)) return null;
    const now = new Date();
    const after = await tx.organisationRepresentative.update({ where: { id: rep.id }, data: { status: "ACTIVE", confirmedAt: now }, select: { status: true, method: true, email: true, evidence: true } });
    await recordAudit(tx, { actorId: rep.userId, action: "representative.confirm", targetType: "OrganisationRepresentative", targetId: rep.id, reason: `Confirmed by e-mail at ${rep.email.split("@")[1]}`, before: repSnapshot(rep), after: repSnapshot(after) });
    return { slug: rep.organisation.slug, name: rep.organisation.name };
  });
}

/** A moderator approves a pending request, saying what they checked. */
export async function approveRepresentation(actor: Actor | null, input: { representativeId: string; evidence: string }) {
  assertModerator(actor);
  const data = parseOrThrow(approvalSchema, input);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "OrganisationRepresentative" WHERE id = ${data.representativeId} FOR UPDATE`;
    const rep = await tx.organisationRepresentative.findUnique({ where: { id: data.representativeId }, select: { id: true, status: true, method: true, email: true, evidence: true } });
    if (!rep) throw new AppError("NOT_FOUND", "That request no longer exists.");
    if (rep.status !== "PENDING") throw new AppError("CONFLICT", `This representative is already ${rep.status.toLowerCase()}.`);
    const after = await tx.organisationRepresentative.update({
      where: { id: rep.id },
      data: { status: "ACTIVE", method: "MODERATOR", confirmedAt: new Date(), decidedById: actor.id, evidence: data.evidence },
      select: { status: true, method: true, email: true, evidence: true },
    });
    await recordAudit(tx, { actorId: actor.id, action: "representative.approve", targetType: "OrganisationRepresentative", targetId: rep.id, reason: data.evidence, before: repSnapshot(rep), after: repSnapshot(after) });
    return { id: rep.id };
  });
}

/** A moderator revokes a representative (or turns down a pending request). */
export async function revokeRepresentation(actor: Actor | null, representativeId: string, reason: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, reason);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "OrganisationRepresentative" WHERE id = ${representativeId} FOR UPDATE`;
    const rep = await tx.organisationRepresentative.findUnique({ where: { id: representativeId }, select: { id: true, status: true, method: true, email: true, evidence: true } });
    if (!rep) throw new AppError("NOT_FOUND", "That representative no longer exists.");
    if (rep.status === "REVOKED") throw new AppError("CONFLICT", "This representative is already revoked.");
    const after = await tx.organisationRepresentative.update({
      where: { id: rep.id },
      data: { status: "REVOKED", revokedAt: new Date(), revokeReason: why, decidedById: actor.id },
      select: { status: true, method: true, email: true, evidence: true },
    });
    await recordAudit(tx, { actorId: actor.id, action: "representative.revoke", targetType: "OrganisationRepresentative", targetId: rep.id, reason: why, before: repSnapshot(rep), after: repSnapshot(after) });
    return { id: rep.id };
  });
}

const repListSelect = {
  id: true, status: true, method: true, email: true, evidence: true, createdAt: true, confirmedAt: true, revokedAt: true, revokeReason: true,
  user: { select: { id: true, name: true, email: true } },
  organisation: { select: { id: true, slug: true, name: true } },
} as const;

/**
 * Representatives of one status, a page at a time after the id `after`: requests waiting for a moderator
 * oldest first (the queue), active ones newest first. The order is on fields that never change, so an item
 * approved or revoked meanwhile shifts nothing else.
 */
export async function listRepresentatives(options: { status: "PENDING" | "ACTIVE" | "REVOKED"; take?: number; after?: string }) {
  const direction = options.status === "PENDING" ? ("asc" as const) : ("desc" as const);
  return db.organisationRepresentative.findMany({
    where: { status: options.status },
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: Math.min(options.take ?? QUEUE_PAGE_SIZE, 500),
    ...queueCursor(options.after),
    select: repListSelect,
  });
}

/** The organisations the member represents (for the account page and the console link). */
export async function listRepresentedOrganisations(userId: string) {
  const rows = await db.organisationRepresentative.findMany({ where: { userId, status: "ACTIVE" }, select: { organisation: { select: { id: true, slug: true, name: true } } } });
  return rows.map((row) => row.organisation);
}

export async function getRepresentationStatus(userId: string, organisationId: string) {
  return db.organisationRepresentative.findUnique({ where: { userId_organisationId: { userId, organisationId } }, select: { status: true, method: true, email: true } });
}

/** Active representatives' e-mail addresses (their organisation address), for alerts. */
export async function representativeAddresses(organisationId: string): Promise<string[]> {
  const rows = await db.organisationRepresentative.findMany({ where: { organisationId, status: "ACTIVE" }, select: { email: true, user: { select: { email: true, deletedAt: true, suspendedAt: true } } } });
  return [...new Set(rows.filter((r) => !r.user.deletedAt && !r.user.suspendedAt).map((r) => r.email))];
}

/** The organisation a member asks to represent: active ones only, with the domains a work address must use. */
export async function getOrganisationForRepresentation(slug: string) {
  return db.organisation.findFirst({ where: { slug, status: "ACTIVE" }, select: { id: true, name: true, domains: true } });
}
