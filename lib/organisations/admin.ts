import "server-only";
import { recountClaimVotes } from "../trust/legitimacy";
import { recountOrganisationStats } from "./stats";
import { recordAudit } from "../platform/audit";
import { type Actor, assertModerator } from "../accounts/authz";
import { QUEUE_PAGE_SIZE, queueCursor } from "../platform/queue-pages";
import { db, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { reasonField } from "../platform/schema-fields";
import { organisationEditSchema, type OrganisationEdit } from "./schema";
import { organisationSearchText } from "./slug";
import { normalisePhone } from "../numbers/phone";
import { recordOrganisationChanges } from "../alerts/record";
import { moveOrganisationWatches } from "../watches/organisation-watch";

// Moderators' organisation commands: activate a proposal, edit contact and calling policy, merge.

const editable = {
  id: true,
  slug: true,
  name: true,
  acronym: true,
  aliases: true,
  domains: true,
  category: true,
  country: true,
  website: true,
  officialPhone: true,
  policyCallsFrom: true,
  policyMayAsk: true,
  policyNeverAsks: true,
  policyHowToVerify: true,
  status: true,
} as const;

export async function getOrganisationForEdit(id: string) {
  return db.organisation.findUnique({
    where: { id },
    select: { ...editable, description: true, reportCount: true, verifiedNumberCount: true, createdAt: true, mergedInto: { select: { name: true, slug: true } }, proposedBy: { select: { name: true } } },
  });
}

/** How many proposals wait (the queue's heading). */
export async function countProposedOrganisations(): Promise<number> {
  return db.organisation.count({ where: { status: "PROPOSED" } });
}

/** The proposals queue, oldest first, a page at a time (after: the last id of the page before). */
export async function listProposedOrganisations(take = QUEUE_PAGE_SIZE, after?: string) {
  return db.organisation.findMany({
    where: { status: "PROPOSED" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    ...queueCursor(after),
    select: { id: true, slug: true, name: true, website: true, category: true, country: true, reportCount: true, createdAt: true, proposedBy: { select: { name: true } }, _count: { select: { claims: true } } },
  });
}

/** For the moderators' organisation picker and search: active and proposed, by name. */
export async function searchOrganisationsForModeration(q: string, take = 30) {
  const text = q.trim().toLowerCase();
  return db.organisation.findMany({
    where: { status: { not: "MERGED" }, ...(text ? { searchText: { contains: text } } : {}) },
    orderBy: [{ status: "asc" }, { name: "asc" }],
    take,
    select: { id: true, slug: true, name: true, status: true, category: true, country: true, officialPhone: true, verifiedNumberCount: true },
  });
}

export async function listActiveOrganisationOptions() {
  return db.organisation.findMany({ where: { status: "ACTIVE" }, orderBy: { name: "asc" }, take: 5000, select: { id: true, name: true } });
}

async function lockOrganisation(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${id} FOR UPDATE`;
  const org = await tx.organisation.findUnique({ where: { id }, select: editable });
  if (!org) throw new AppError("NOT_FOUND", "That organisation no longer exists.");
  return org;
}

export async function activateOrganisation(actor: Actor | null, id: string, reason: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, reason);
  return db.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, id);
    if (org.status !== "PROPOSED") throw new AppError("CONFLICT", "Only a proposed organisation can be activated.");
    await tx.organisation.update({ where: { id }, data: { status: "ACTIVE" } });
    await recordAudit(tx, { actorId: actor.id, action: "organisation.activate", targetType: "Organisation", targetId: id, reason: why, before: { status: org.status }, after: { status: "ACTIVE" } });
    return { slug: org.slug };
  });
}

/** Edits an organisation's details, official callback number and calling policy. */
export async function updateOrganisation(actor: Actor | null, id: string, input: OrganisationEdit, region = "AU") {
  assertModerator(actor);
  const { reason, ...data } = parseOrThrow(organisationEditSchema, input);
  let officialPhone: string | null = null;
  if (data.officialPhone) {
    const parsed = normalisePhone(data.officialPhone, data.country ?? region);
    if (!parsed.ok) throw new AppError("INVALID", parsed.error, { officialPhone: [parsed.error] });
    officialPhone = parsed.phone.e164;
  }
  return db.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, id);
    if (org.status === "MERGED") throw new AppError("CONFLICT", "This organisation was merged; edit the one it was merged into.");
    const next = { ...data, officialPhone };
    const { id: _id, slug: _slug, status: _status, ...before } = org;
    await tx.organisation.update({
      where: { id },
      data: { ...next, searchText: organisationSearchText({ name: next.name, acronym: org.acronym, aliases: org.aliases, domains: org.domains }) },
    });
    const changed = Object.fromEntries(Object.entries(next).filter(([key, value]) => before[key as keyof typeof before] !== value));
    const previous = Object.fromEntries(Object.keys(changed).map((key) => [key, before[key as keyof typeof before] ?? null]));
    await recordAudit(tx, { actorId: actor.id, action: "organisation.edit", targetType: "Organisation", targetId: id, reason, before: previous, after: changed });
    await recordOrganisationChanges(tx, id, actor.id, previous, changed);
    return { slug: org.slug };
  });
}

/**
 * Merges `sourceId` into `targetId`: its claims, reports, comments, representatives, published contact
 * numbers and sources (its credited source included) move. A claim
 * on a number the target already claims is combined into the target's (votes, reports and alerts
 * move; a voter who voted on both keeps the target vote), since (e164, organisationKey) is unique.
 */
export async function mergeOrganisation(actor: Actor | null, sourceId: string, targetId: string, reason: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, reason);
  if (sourceId === targetId) throw new AppError("INVALID", "Choose a different organisation to merge into.", { targetId: ["Choose a different organisation."] });
  return db.$transaction(async (tx) => {
    const [first, second] = [sourceId, targetId].sort();
    await lockOrganisation(tx, first);
    await lockOrganisation(tx, second);
    const source = await lockOrganisation(tx, sourceId);
    const target = await lockOrganisation(tx, targetId);
    if (source.status === "MERGED") throw new AppError("CONFLICT", "This organisation was already merged.");
    if (target.status !== "ACTIVE") throw new AppError("INVALID", "Merge into an active organisation.", { targetId: ["Merge into an active organisation."] });

    const claims = await tx.claim.findMany({ where: { organisationId: sourceId }, select: { id: true, e164: true, status: true, evidenceMethod: true } });
    let combined = 0;
    for (const claim of claims) {
      const twin = await tx.claim.findUnique({ where: { e164_organisationKey: { e164: claim.e164, organisationKey: targetId } }, select: { id: true, status: true } });
      if (!twin) {
        await tx.claim.update({ where: { id: claim.id }, data: { organisationId: targetId, organisationKey: targetId } });
        continue;
      }
      combined += 1;
      await tx.$executeRaw`DELETE FROM "Vote" v WHERE v."claimId" = ${claim.id} AND EXISTS (SELECT 1 FROM "Vote" t WHERE t."claimId" = ${twin.id} AND t."userId" = v."userId")`;
      await tx.vote.updateMany({ where: { claimId: claim.id }, data: { claimId: twin.id } });
      await tx.report.updateMany({ where: { claimId: claim.id }, data: { claimId: twin.id } });
      await tx.claimAlert.updateMany({ where: { claimId: claim.id }, data: { claimId: twin.id } });
      if (claim.status === "VERIFIED" && twin.status !== "VERIFIED") {
        const evidence = await tx.claim.findUniqueOrThrow({ where: { id: claim.id }, select: { evidenceMethod: true, evidenceSource: true, verifiedById: true, verifiedAt: true, reviewAt: true } });
        await tx.claim.update({ where: { id: twin.id }, data: { ...evidence, status: "VERIFIED", statusChangedAt: new Date(), statusReason: null } });
      }
      await tx.claim.delete({ where: { id: claim.id } });
      await recountClaimVotes(tx, [twin.id]);
      await tx.$executeRaw`UPDATE "Claim" c SET "reportCount" = (SELECT count(*) FROM "Report" WHERE "claimId" = c.id)::int WHERE c.id = ${twin.id}`;
    }
    const reports = await tx.report.updateMany({ where: { organisationId: sourceId }, data: { organisationId: targetId } });
    await recountOrganisationStats(tx, [sourceId, targetId]);
    await tx.comment.updateMany({ where: { onBehalfOfOrganisationId: sourceId }, data: { onBehalfOfOrganisationId: targetId } });
    await tx.$executeRaw`DELETE FROM "OrganisationRepresentative" r WHERE r."organisationId" = ${sourceId} AND EXISTS (SELECT 1 FROM "OrganisationRepresentative" t WHERE t."organisationId" = ${targetId} AND t."userId" = r."userId")`;
    await tx.organisationRepresentative.updateMany({ where: { organisationId: sourceId }, data: { organisationId: targetId } });
    // Published numbers and sources move too; a number the target already lists keeps the target's row.
    await tx.$executeRaw`DELETE FROM "OrganisationContactNumber" c WHERE c."organisationId" = ${sourceId} AND EXISTS (SELECT 1 FROM "OrganisationContactNumber" t WHERE t."organisationId" = ${targetId} AND t.e164 = c.e164)`;
    const contactNumbers = await tx.organisationContactNumber.updateMany({ where: { organisationId: sourceId }, data: { organisationId: targetId } });
    const sources = await tx.organisationSource.updateMany({ where: { organisationId: sourceId }, data: { organisationId: targetId } });
    const credit = await tx.organisation.findUniqueOrThrow({ where: { id: sourceId }, select: { sourceUrl: true, sourceCredit: true } });
    if (credit.sourceUrl) {
      await tx.organisationSource.create({ data: { organisationId: targetId, url: credit.sourceUrl, title: `${source.name}: ${credit.sourceCredit ?? "source"}` } });
    }
    await moveOrganisationWatches(tx, sourceId, targetId);

    const aliases = [...new Set([...target.aliases, source.name, ...source.aliases])].filter((alias) => alias !== target.name);
    const domains = [...new Set([...target.domains, ...source.domains])];
    await tx.organisation.update({
      where: { id: targetId },
      data: { aliases, domains, searchText: organisationSearchText({ name: target.name, acronym: target.acronym, aliases, domains }) },
    });
    await tx.organisation.update({ where: { id: sourceId }, data: { status: "MERGED", mergedIntoId: targetId } });
    await tx.$executeRaw`UPDATE "Organisation" o SET
        "verifiedNumberCount" = (SELECT count(*) FROM "Claim" WHERE "organisationId" = o.id AND status = 'VERIFIED')::int,
        "reportCount" = (SELECT count(*) FROM "Report" WHERE "organisationId" = o.id)::int
      WHERE o.id IN (${sourceId}, ${targetId})`;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "organisation.merge",
      targetType: "Organisation",
      targetId: sourceId,
      reason: why,
      before: { status: source.status, name: source.name },
      after: { status: "MERGED", mergedInto: { id: targetId, name: target.name }, claimsMoved: claims.length - combined, claimsCombined: combined, reportsMoved: reports.count, contactNumbersMoved: contactNumbers.count, sourcesMoved: sources.count + (credit.sourceUrl ? 1 : 0) },
    });
    return { slug: target.slug };
  });
}
