import "server-only";
import { QUEUE_PAGE_SIZE, queueCursor } from "../platform/queue-pages";
import { recordAudit } from "../platform/audit";
import { type Actor, assertModerator } from "../accounts/authz";
import { db } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { reasonField } from "../platform/schema-fields";
import { removalRequestSchema, type RemovalRequestInput } from "./schema";
import { normalisePhone } from "../numbers/phone";
import { ensurePhoneRow } from "../numbers/number-row";
import { consumeLimit } from "../platform/rate-limit";

// A number's owner asks for its comments and report texts to be removed. No account is needed;
// requests are rate-limited per address. Approval hides the texts (lib/trust/privacy.ts reads the flag).

/** Public: files a request. Repeating a pending request for the same number and e-mail is a no-op. */
export async function createRemovalRequest(input: RemovalRequestInput, address: string) {
  const data = parseOrThrow(removalRequestSchema, input);
  await consumeLimit("removal", address, "You have sent several removal requests");
  const phone = normalisePhone(data.e164);
  if (!phone.ok) throw new AppError("INVALID", phone.error);
  await ensurePhoneRow(db, phone.phone);
  const pending = await db.removalRequest.findFirst({ where: { e164: phone.phone.e164, email: data.email, status: "PENDING" }, select: { id: true } });
  if (pending) return pending;
  return db.removalRequest.create({ data: { e164: phone.phone.e164, name: data.name, email: data.email, reason: data.reason }, select: { id: true } });
}

export async function listPendingRemovals(take = QUEUE_PAGE_SIZE, after?: string) {
  return db.removalRequest.findMany({
    where: { status: "PENDING" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take,
    ...queueCursor(after),
    select: { id: true, e164: true, name: true, email: true, reason: true, createdAt: true, number: { select: { reportCount: true, commentCount: true, contentHiddenAt: true } } },
  });
}

export const REMOVAL_NOTE = "Comments and report texts on this number were removed at its owner's request.";

async function resolve(actor: Actor | null, requestId: string, approve: boolean, note: string) {
  assertModerator(actor);
  const why = parseOrThrow(reasonField, note);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.removalRequest.updateMany({
      where: { id: requestId, status: "PENDING" },
      data: { status: approve ? "APPROVED" : "REJECTED", resolvedById: actor.id, resolvedAt: now, resolutionNote: why },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", "That request was already handled or no longer exists.");
    const request = await tx.removalRequest.findUniqueOrThrow({ where: { id: requestId }, select: { e164: true } });
    const number = await tx.phoneNumber.findUniqueOrThrow({ where: { e164: request.e164 }, select: { contentHiddenAt: true } });
    if (approve && !number.contentHiddenAt) {
      await tx.phoneNumber.update({ where: { e164: request.e164 }, data: { contentHiddenAt: now, contentHiddenReason: REMOVAL_NOTE } });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: approve ? "removal.approve" : "removal.reject",
      targetType: "RemovalRequest",
      targetId: requestId,
      reason: why,
      before: { status: "PENDING", e164: request.e164, contentHidden: !!number.contentHiddenAt },
      after: { status: approve ? "APPROVED" : "REJECTED", contentHidden: approve || !!number.contentHiddenAt },
    });
    return { e164: request.e164 };
  });
}

export const approveRemoval = (actor: Actor | null, requestId: string, note: string) => resolve(actor, requestId, true, note);
export const rejectRemoval = (actor: Actor | null, requestId: string, note: string) => resolve(actor, requestId, false, note);
