import "server-only";
import { z } from "zod";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { consumeLimit } from "../platform/rate-limit";
import { assertUnderWatchLimit } from "./limit";

// Watching an organisation: alerts when a number not on its verified list claims to be it, when it
// gets a new verified or published number, or changes its callback number or calling policy.

export const organisationWatchSchema = z.object({
  organisationId: z.string({ error: "Choose an organisation to watch." }).trim().regex(/^[a-z0-9]{8,40}$/, "We could not find that organisation."),
});

export type OrganisationWatchOutcome = { organisationId: string; watching: boolean };

export async function watchOrganisation(actor: Actor | null, input: unknown): Promise<OrganisationWatchOutcome> {
  assertCanWrite(actor);
  const { organisationId } = parseOrThrow(organisationWatchSchema, input);
  await consumeLimit("watch", actor.id, "You have changed your watches too often");
  await db.$transaction(async (tx) => {
    const org = await tx.organisation.findUnique({ where: { id: organisationId }, select: { status: true } });
    if (!org || org.status === "MERGED") throw new AppError("NOT_FOUND", "We could not find that organisation.");
    const already = await tx.organisationWatch.findUnique({ where: { userId_organisationId: { userId: actor.id, organisationId } }, select: { userId: true } });
    if (already) return;
    await assertUnderWatchLimit(tx, actor.id);
    await tx.organisationWatch.createMany({ data: [{ userId: actor.id, organisationId }], skipDuplicates: true });
  });
  return { organisationId, watching: true };
}

export async function unwatchOrganisation(actor: Actor | null, input: unknown): Promise<OrganisationWatchOutcome> {
  assertCanWrite(actor);
  const { organisationId } = parseOrThrow(organisationWatchSchema, input);
  await consumeLimit("watch", actor.id, "You have changed your watches too often");
  await db.organisationWatch.deleteMany({ where: { userId: actor.id, organisationId } });
  return { organisationId, watching: false };
}

export async function isWatchingOrganisation(userId: string, organisationId: string): Promise<boolean> {
  const row = await db.organisationWatch.findUnique({ where: { userId_organisationId: { userId, organisationId } }, select: { userId: true } });
  return row !== null;
}

/**
 * Inside a merge's transaction: the source organisation's watchers now watch the target (a member
 * watching both keeps the target's watch and its settings).
 */
export async function moveOrganisationWatches(tx: Tx, sourceId: string, targetId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "OrganisationWatch" s WHERE s."organisationId" = ${sourceId} AND EXISTS (SELECT 1 FROM "OrganisationWatch" t WHERE t."organisationId" = ${targetId} AND t."userId" = s."userId")`;
  await tx.organisationWatch.updateMany({ where: { organisationId: sourceId }, data: { organisationId: targetId } });
}
