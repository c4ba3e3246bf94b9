import "server-only";
import { cacheTags, invalidateTags } from "../platform/data-cache";
import { assertCanWrite, representsOrganisation, type Actor } from "../accounts/authz";
import { isModerator } from "../accounts/roles";
import { createCommentSchema, deleteCommentSchema, editCommentSchema, EDIT_WINDOW_MINUTES, COMMENTS_PAGE_SIZE, REPLIES_PAGE_SIZE } from "./schema";
import { db } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { trustLevelOf, trustSelect } from "../trust/legitimacy";
import { maskSensitive } from "../reports/masking";
import type { ContentVisibility } from "../trust/privacy";
import { getNumberContentVisibility } from "../numbers/visibility";
import { consumeLimit, consumeLimits, type LimitSpend } from "../platform/rate-limit";
import { THRESHOLDS, TRUST_LABELS } from "../trust/rules";
import { ensureNumberRow } from "../numbers/number-row";
import type { WriteContext } from "../votes/vote";
import type { CommentMarks } from "./marks";

const EDIT_WINDOW_MS = EDIT_WINDOW_MINUTES * 60_000;

export type CommentWriteResult = { id: string; masked: boolean };

function maskNote(masked: boolean) {
  return masked ? "Card numbers and e-mail addresses in your comment were masked before it was saved." : undefined;
}

async function spendCommentLimits(actor: Actor, context: WriteContext) {
  const isNew = Date.now() - actor.createdAt.getTime() < THRESHOLDS.trust.newAccountHours * 3_600_000;
  await consumeLimits([
    [isNew ? "comment-new-account" : "comment", actor.id, isNew ? "New accounts can post 5 comments a day" : "You have posted a lot of comments today"],
    ...(context.address ? [["comment-address", context.address, "Many comments came from your network today"] as LimitSpend] : []),
  ]);
}

/** Posts a comment, or a reply (a reply to a reply joins its top-level thread: one level only). */
export async function createComment(actor: Actor | null, input: unknown, context: WriteContext = {}) {
  assertCanWrite(actor);
  const data = parseOrThrow(createCommentSchema, input);
  if (data.onBehalfOfOrganisationId) await assertMaySpeakFor(actor, data.onBehalfOfOrganisationId, data.e164, data.parentId);
  await spendCommentLimits(actor, context);
  const { text, masked } = maskSensitive(data.body);
  const comment = await db.$transaction(async (tx) => {
    let parentId: string | null = null;
    if (data.parentId) {
      const parent = await tx.comment.findUnique({ where: { id: data.parentId }, select: { id: true, e164: true, parentId: true, deletedAt: true } });
      if (!parent || parent.e164 !== data.e164) throw new AppError("NOT_FOUND", "The comment you replied to no longer exists.");
      parentId = parent.parentId ?? parent.id;
      const top = parent.parentId ? await tx.comment.findUnique({ where: { id: parentId }, select: { deletedAt: true } }) : parent;
      if (!top || top.deletedAt) throw new AppError("CONFLICT", "That conversation was removed, so it cannot take replies.");
      await tx.comment.update({ where: { id: parentId }, data: { replyCount: { increment: 1 } } });
    }
    await ensureNumberRow(tx, data.e164);
    const number = await tx.phoneNumber.update({ where: { e164: data.e164 }, data: { commentCount: { increment: 1 } }, select: { contentHiddenAt: true } });
    // After an approved removal request nothing new is published about the number.
    if (number.contentHiddenAt) throw new AppError("FORBIDDEN", "Comments on this number were removed at its owner's request, so it takes no new ones.");
    return tx.comment.create({ data: { e164: data.e164, authorId: actor.id, parentId, body: text, bodyMasked: masked, onBehalfOfOrganisationId: data.onBehalfOfOrganisationId ?? null }, select: { id: true } });
  });
  invalidateTags(cacheTags.number(data.e164));
  return { id: comment.id, masked, note: maskNote(masked) };
}

/** Replies "as the organisation": only its active representatives, only on a number that claims it. */
async function assertMaySpeakFor(actor: Actor, organisationId: string, e164: string, parentId: string | undefined) {
  if (!parentId) throw new AppError("INVALID", "Organisations reply to comments; post a statement for the page instead.");
  if (!(await representsOrganisation(actor, organisationId))) throw new AppError("FORBIDDEN", "Only this organisation's verified representatives can reply as it.");
  const claim = await db.claim.findUnique({ where: { e164_organisationKey: { e164, organisationKey: organisationId } }, select: { id: true } });
  if (!claim) throw new AppError("INVALID", "This number does not claim your organisation, so you cannot reply as it here.");
}

async function ownComment(actor: Actor, commentId: string) {
  const comment = await db.comment.findUnique({
    where: { id: commentId },
    select: { id: true, e164: true, authorId: true, parentId: true, createdAt: true, deletedAt: true, hiddenAt: true },
  });
  if (!comment || comment.deletedAt) throw new AppError("NOT_FOUND", "That comment no longer exists.");
  if (comment.authorId !== actor.id) throw new AppError("FORBIDDEN", "You can only change your own comments.");
  return comment;
}

export const canEditUntil = (createdAt: Date) => new Date(createdAt.getTime() + EDIT_WINDOW_MS);

export async function editComment(actor: Actor | null, input: unknown) {
  assertCanWrite(actor);
  const data = parseOrThrow(editCommentSchema, input);
  await consumeLimit("comment-change", actor.id, "You have changed your comments a lot today");
  const comment = await ownComment(actor, data.commentId);
  if (Date.now() > canEditUntil(comment.createdAt).getTime()) {
    throw new AppError("FORBIDDEN", `Comments can be edited for ${EDIT_WINDOW_MINUTES} minutes after posting.`);
  }
  if (comment.hiddenAt) throw new AppError("FORBIDDEN", "This comment is hidden pending review, so it cannot be edited.");
  const { text, masked } = maskSensitive(data.body);
  // The window is checked again in the update itself, so a request that started in time cannot land late.
  const updated = await db.comment.updateMany({
    where: { id: comment.id, deletedAt: null, createdAt: { gte: new Date(Date.now() - EDIT_WINDOW_MS) } },
    data: { body: text, bodyMasked: masked, editedAt: new Date() },
  });
  if (updated.count === 0) throw new AppError("FORBIDDEN", `Comments can be edited for ${EDIT_WINDOW_MINUTES} minutes after posting.`);
  invalidateTags(cacheTags.number(comment.e164));
  return { id: comment.id, masked, note: maskNote(masked), e164: comment.e164 };
}

/** Soft delete: a thread keeps "comment removed" where its replies hang. Counters count live comments. */
export async function deleteComment(actor: Actor | null, input: unknown) {
  assertCanWrite(actor);
  const data = parseOrThrow(deleteCommentSchema, input);
  await consumeLimit("comment-change", actor.id, "You have changed your comments a lot today");
  const comment = await ownComment(actor, data.commentId);
  await db.$transaction(async (tx) => {
    const updated = await tx.comment.updateMany({ where: { id: comment.id, deletedAt: null }, data: { deletedAt: new Date() } });
    if (updated.count === 0) return;
    await tx.phoneNumber.update({ where: { e164: comment.e164 }, data: { commentCount: { decrement: 1 } } });
    if (comment.parentId) await tx.comment.update({ where: { id: comment.parentId }, data: { replyCount: { decrement: 1 } } });
  });
  invalidateTags(cacheTags.number(comment.e164));
  return { id: comment.id, e164: comment.e164 };
}

export type CommentView = {
  id: string;
  author: { name: string; trust: string };
  onBehalfOf: { name: string; slug: string } | null;
  /** null when this viewer may not read it (removed, or hidden pending review). */
  body: string | null;
  state: "VISIBLE" | "HIDDEN" | "REMOVED";
  createdAt: string;
  editedAt: string | null;
  editableUntil: string | null;
  mine: boolean;
  flaggedByMe: boolean;
  /** The first REPLIES_PAGE_SIZE replies, oldest first (a thread's own page; empty on a reply). */
  replies: CommentView[];
  /** Replies after those, for "Show more replies" (listReplies from the last one shown); 0 on a reply. */
  moreReplies: number;
};

export type CommentPage = {
  visibility: ContentVisibility;
  threads: CommentView[];
  /** Cursor for the next page, or null when this is the last. */
  next: { createdAt: string; id: string } | null;
  total: number;
};

type Viewer = Pick<Actor, "id" | "role"> | null;

const commentSelect = {
  id: true,
  authorId: true,
  body: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  hiddenAt: true,
  // The author's trust inputs come with the comment (one statement for threads, replies and authors).
  author: { select: { name: true, ...trustSelect } },
  onBehalfOf: { select: { name: true, slug: true } },
} as const;

/**
 * A member's own comments (of those on a page) and the ones they flagged, as marks (read by
 * lib/numbers/member-parts.ts). The text of their own comment travels only while a moderator has it hidden.
 */
export function marksFrom(own: { id: string; body: string; createdAt: Date; hidden: boolean; removed: boolean }[], flagged: string[]): CommentMarks {
  const marks: CommentMarks = {};
  const now = Date.now();
  for (const comment of own) {
    const until = canEditUntil(comment.createdAt);
    marks[comment.id] = {
      mine: true,
      flaggedByMe: false,
      editableUntil: until.getTime() > now ? until.toISOString() : null,
      // Their own text travels only while a moderator has it hidden (not once they removed it themselves).
      ...(comment.hidden && !comment.removed ? { hiddenBody: comment.body } : {}),
    };
  }
  for (const commentId of flagged) marks[commentId] = { ...(marks[commentId] ?? { mine: false, editableUntil: null }), flaggedByMe: true };
  return marks;
}

type CommentRow = { id: string; authorId: string; body: string; createdAt: Date; editedAt: Date | null; deletedAt: Date | null; hiddenAt: Date | null; author: { name: string } & Parameters<typeof trustLevelOf>[0]; onBehalfOf: { name: string; slug: string } | null };

const replyOrder = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/**
 * A page of threads, newest first, each with its first REPLIES_PAGE_SIZE replies (oldest first) and how many more
 * it has, as this viewer may see them: what a page reads stays bounded however long a conversation grows.
 */
export async function listComments(e164: string, viewer: Viewer, before?: { createdAt: string; id: string }, pageSize = COMMENTS_PAGE_SIZE): Promise<CommentPage> {
  const { visibility, comments: total } = await getNumberContentVisibility(e164, viewer);
  if (!visibility.visible) return { visibility, threads: [], next: null, total };
  const cursor = before
    ? { OR: [{ createdAt: { lt: new Date(before.createdAt) } }, { createdAt: new Date(before.createdAt), id: { lt: before.id } }] }
    : {};
  // One statement: the page of threads with their first replies (relations load as joins).
  const tops = await db.comment.findMany({
    where: { e164, parentId: null, OR: [{ deletedAt: null }, { replyCount: { gt: 0 } }], ...cursor },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: { ...commentSelect, replyCount: true, replies: { where: { deletedAt: null }, orderBy: replyOrder, take: REPLIES_PAGE_SIZE, select: commentSelect } },
  });
  const page = tops.slice(0, pageSize);
  const view = await viewerOf(viewer, page.flatMap((top) => [top, ...top.replies]));
  const threads = page.map((top) => ({ ...view(top), replies: top.replies.map(view), moreReplies: Math.max(0, top.replyCount - top.replies.length) }));
  const last = page.at(-1);
  const next = tops.length > pageSize && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null;
  return { visibility, threads, next, total };
}

/** A thread's replies after `after` (oldest first), a page at a time, with how many remain after them. */
export async function listReplies(
  e164: string,
  parentId: string,
  viewer: Viewer,
  after: { createdAt: string; id: string },
  pageSize = REPLIES_PAGE_SIZE,
): Promise<{ replies: CommentView[]; moreReplies: number }> {
  const { visibility } = await getNumberContentVisibility(e164, viewer);
  if (!visibility.visible) return { replies: [], moreReplies: 0 };
  const at = new Date(after.createdAt);
  const where = { e164, parentId, deletedAt: null, OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: after.id } }] };
  const [rows, remaining] = await Promise.all([
    db.comment.findMany({ where, orderBy: replyOrder, take: pageSize, select: commentSelect }),
    db.comment.count({ where }),
  ]);
  const view = await viewerOf(viewer, rows);
  return { replies: rows.map(view), moreReplies: Math.max(0, remaining - rows.length) };
}

/** How this viewer sees each of these comments: their own, the ones they flagged, hidden ones, authors' trust. */
async function viewerOf(viewer: Viewer, all: CommentRow[]): Promise<(c: CommentRow) => CommentView> {
  const flags = viewer && all.length > 0 ? await db.flag.findMany({ where: { flaggerId: viewer.id, commentId: { in: all.map((c) => c.id) } }, select: { commentId: true } }) : [];
  const flagged = new Set(flags.map((flag) => flag.commentId));
  const now = Date.now();
  const levels = new Map(all.map((c) => [c.authorId, trustLevelOf(c.author, new Date(now))]));
  return (c: CommentRow): CommentView => {
    const mine = viewer?.id === c.authorId;
    const mayReadHidden = mine || isModerator(viewer);
    const state = c.deletedAt ? "REMOVED" : c.hiddenAt ? "HIDDEN" : "VISIBLE";
    const until = canEditUntil(c.createdAt);
    return {
      id: c.id,
      author: { name: c.author.name, trust: TRUST_LABELS[levels.get(c.authorId) ?? "TL0"] },
      onBehalfOf: c.onBehalfOf,
      body: state === "REMOVED" || (state === "HIDDEN" && !mayReadHidden) ? null : c.body,
      state,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
      editableUntil: mine && state === "VISIBLE" && until.getTime() > now ? until.toISOString() : null,
      mine,
      flaggedByMe: flagged.has(c.id),
      replies: [],
      moreReplies: 0,
    };
  };
}
