import "server-only";
import { invalidateAll } from "../platform/data-cache";
import { recountClaimVotes } from "../trust/legitimacy";
import { z } from "zod";
import { assertCanWrite, type Actor } from "./authz";
import { db, type Tx } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { Prisma } from "../generated/prisma/client";
import { listReportsByUser } from "../reports/member-reports";
import { isAdmin } from "./roles";

// The member's own data: their reports for the account page, everything they wrote or set as a
// download, and deleting the account (anonymised, not removed: reports stay as community evidence).

export const MY_REPORTS_PAGE = 20;
export const DELETED_NAME = "Deleted member";

/** The member's reports, newest first, `take` at a time; `more` says whether a longer list has more. */
export async function listMyReports(userId: string, take: number) {
  const [reports, total] = await Promise.all([listReportsByUser(userId, { take }), db.report.count({ where: { reporterId: userId } })]);
  return { reports, total, more: total > reports.length };
}

/** Everything the member wrote or set, as plain JSON-ready objects. Never the password hash. */
export async function exportAccountData(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, emailVerified: true, image: true, role: true, createdAt: true, suspendedAt: true, suspendedReason: true, deletedAt: true },
  });
  if (!user || user.deletedAt) throw new AppError("NOT_FOUND", "That account no longer exists.");
  const [reports, comments, votes, flags, watches, accounts, representing] = await Promise.all([
    db.report.findMany({
      where: { reporterId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, e164: true, occurredAt: true, channel: true, category: true, askedFor: true, leftMessage: true, callerIdName: true,
        body: true, bodyMasked: true, proposedOrgName: true, source: true, hiddenAt: true, hiddenReason: true, createdAt: true,
        organisation: { select: { name: true, slug: true } },
      },
    }),
    db.comment.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, e164: true, parentId: true, body: true, bodyMasked: true, createdAt: true, editedAt: true, deletedAt: true, hiddenAt: true, hiddenReason: true,
        onBehalfOf: { select: { name: true, slug: true } },
      },
    }),
    db.vote.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { legitimate: true, createdAt: true, updatedAt: true, claim: { select: { id: true, e164: true, organisation: { select: { name: true, slug: true } } } } },
    }),
    db.flag.findMany({
      where: { flaggerId: userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, commentId: true, reportId: true, reason: true, note: true, status: true, createdAt: true },
    }),
    db.watch.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { e164: true, alertMode: true, createdAt: true } }),
    db.account.findMany({ where: { userId }, select: { provider: true, providerAccountId: true } }),
    db.organisationRepresentative.findMany({ where: { userId }, select: { email: true, confirmedAt: true, organisation: { select: { name: true, slug: true } } } }),
  ]);
  const { deletedAt: _deleted, ...profile } = user;
  return {
    format: "callercheck-account-export",
    version: 1,
    exportedAt: new Date().toISOString(),
    profile: { ...profile, signInProviders: accounts, representing },
    reports,
    comments,
    votes: votes.map(({ claim, ...vote }) => ({ ...vote, claimId: claim.id, e164: claim.e164, organisation: claim.organisation })),
    flags,
    watches,
    organisationWatches: await db.organisationWatch.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { alertMode: true, createdAt: true, organisation: { select: { name: true, slug: true } } } }),
  };
}
export type AccountExport = Awaited<ReturnType<typeof exportAccountData>>;

export const deleteAccountSchema = z.object({
  confirmation: z.string({ error: "Type your e-mail address or DELETE to confirm." }).trim().min(1, "Type your e-mail address or DELETE to confirm.").max(320),
});

/**
 * Deletes the actor's account in one transaction: the user row is anonymised (it stays, so reports,
 * claims and the append-only audit log keep their references), sign-in methods, tokens, watches and
 * votes are removed, and comments are soft-deleted — every counter they move moves with them.
 */
export async function deleteAccount(actor: Actor | null, input: unknown): Promise<{ id: string }> {
  assertCanWrite(actor);
  const { confirmation } = parseOrThrow(deleteAccountSchema, input);
  if (confirmation !== "DELETE" && confirmation.toLowerCase() !== actor.email.toLowerCase()) {
    throw new AppError("INVALID", "That does not match. Type your e-mail address or the word DELETE.", {
      confirmation: ["Type your e-mail address exactly, or the word DELETE in capitals."],
    });
  }
  await db.$transaction(
    async (tx) => {
      // Admin rows first, in id order, as lib/accounts/admin.ts does: there is always one active admin.
      if (isAdmin(actor)) {
        const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'ADMIN' AND "deletedAt" IS NULL AND "suspendedAt" IS NULL ORDER BY id FOR UPDATE`;
        if (admins.length === 1 && admins[0].id === actor.id) throw new AppError("CONFLICT", "You are the last admin: make someone else an admin before deleting your account.");
      }
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${actor.id} AND "deletedAt" IS NULL FOR UPDATE`;
      if (!locked[0]) throw new AppError("NOT_FOUND", "This account has already been deleted.");
      await removeVotes(tx, actor.id);
      await softDeleteComments(tx, actor.id);
      await removeWatches(tx, actor.id);
      await tx.account.deleteMany({ where: { userId: actor.id } });
      await tx.authToken.deleteMany({ where: { userId: actor.id } });
      await tx.organisationRepresentative.deleteMany({ where: { userId: actor.id } });
      await tx.user.update({
        where: { id: actor.id },
        data: { name: DELETED_NAME, email: `deleted-${actor.id}@callercheck.invalid`, passwordHash: null, image: null, emailVerified: null, deletedAt: new Date(), sessionVersion: { increment: 1 } },
      });
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
  // Their reports, votes and comments leave every page that showed them.
  invalidateAll();
  return { id: actor.id };
}

/** Locks each voted claim (as lib/votes/vote.ts does) before removing the votes, then moves its counters. */
async function removeVotes(tx: Tx, userId: string) {
  const claimIds = [...new Set((await tx.vote.findMany({ where: { userId }, select: { claimId: true } })).map((vote) => vote.claimId))].sort();
  if (claimIds.length === 0) return;
  await tx.$queryRaw`SELECT id FROM "Claim" WHERE id IN (${Prisma.join(claimIds)}) ORDER BY id FOR UPDATE`;
  const removed = await tx.$queryRaw<{ claimId: string; legitimate: boolean }[]>`
    DELETE FROM "Vote" WHERE "userId" = ${userId} AND "claimId" IN (${Prisma.join(claimIds)}) RETURNING "claimId", legitimate`;
  const tally = new Map<string, { legit: number; notLegit: number }>();
  for (const vote of removed) {
    const entry = tally.get(vote.claimId) ?? { legit: 0, notLegit: 0 };
    if (vote.legitimate) entry.legit++;
    else entry.notLegit++;
    tally.set(vote.claimId, entry);
  }
  for (const [id, { legit, notLegit }] of tally) {
    await tx.claim.update({ where: { id }, data: { legitVotes: { decrement: legit }, notLegitVotes: { decrement: notLegit } } });
  }
  // Kept weighted sums: recomputed from the votes left (the claims are locked).
  await recountClaimVotes(tx, claimIds);
}

/** Only comments this statement deletes move counters, so one already deleted is never counted twice. */
async function softDeleteComments(tx: Tx, userId: string) {
  const removed = await tx.$queryRaw<{ e164: string; parentId: string | null }[]>`
    UPDATE "Comment" SET "deletedAt" = now() WHERE "authorId" = ${userId} AND "deletedAt" IS NULL RETURNING e164, "parentId"`;
  const perNumber = countBy(removed.map((comment) => comment.e164));
  const perParent = countBy(removed.flatMap((comment) => (comment.parentId ? [comment.parentId] : [])));
  // Parents before numbers: the order createComment takes its row locks in.
  for (const [id, n] of perParent) await tx.comment.update({ where: { id }, data: { replyCount: { decrement: n } } });
  for (const [e164, n] of perNumber) await tx.phoneNumber.update({ where: { e164 }, data: { commentCount: { decrement: n } } });
}

async function removeWatches(tx: Tx, userId: string) {
  const removed = await tx.$queryRaw<{ e164: string }[]>`DELETE FROM "Watch" WHERE "userId" = ${userId} RETURNING e164`;
  for (const { e164 } of removed) await tx.phoneNumber.update({ where: { e164 }, data: { watchCount: { decrement: 1 } } });
  await tx.organisationWatch.deleteMany({ where: { userId } });
  await tx.notification.deleteMany({ where: { userId } });
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
