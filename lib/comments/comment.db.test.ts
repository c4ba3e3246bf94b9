import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { createComment, deleteComment, editComment, listComments, listReplies } from "./comment";
import { REPLIES_PAGE_SIZE } from "./schema";
import { recountAll } from "../numbers/counters";
import { db } from "../platform/db";
import { flagComment } from "./flag";

const DAY = 86_400_000;

async function user(options: { ageDays?: number; verified?: boolean; suspended?: boolean; role?: "USER" | "MODERATOR" } = {}): Promise<Actor> {
  const createdAt = new Date(Date.now() - (options.ageDays ?? 40) * DAY);
  return db.user.create({
    data: {
      email: `c-${randomBytes(5).toString("hex")}@example.com`,
      name: `Commenter ${randomBytes(2).toString("hex")}`,
      role: options.role ?? "USER",
      createdAt,
      emailVerified: options.verified === false ? null : createdAt,
      suspendedAt: options.suspended ? new Date() : null,
    },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

let n = 0;
/** A number two members have reported, so its comments are public. */
async function publicNumber(reporterCount = 2) {
  const e164 = `+614915702${String(n++).padStart(2, "0")}`;
  await db.phoneNumber.create({ data: { e164, country: "AU", type: "MOBILE", reporterCount } });
  return e164;
}

async function countersExact() {
  const before = await db.$queryRaw<unknown[]>`SELECT e164, "commentCount" FROM "PhoneNumber" ORDER BY e164`;
  const replies = await db.$queryRaw<unknown[]>`SELECT id, "replyCount" FROM "Comment" ORDER BY id`;
  await recountAll(db);
  expect(await db.$queryRaw<unknown[]>`SELECT e164, "commentCount" FROM "PhoneNumber" ORDER BY e164`).toEqual(before);
  expect(await db.$queryRaw<unknown[]>`SELECT id, "replyCount" FROM "Comment" ORDER BY id`).toEqual(replies);
}

describe("bad input is refused with a message and stores nothing", () => {
  test.each([
    ["empty", ""],
    ["only spaces", "   \n  "],
    ["overlong", "x".repeat(2001)],
  ])("%s", async (_label, body) => {
    const e164 = await publicNumber();
    const author = await user();
    const error = await createComment(author, { e164, body }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID" });
    expect((error as { fieldErrors?: Record<string, string[]> }).fieldErrors?.body?.[0]).toMatch(/Write your comment|2,000/);
    expect(await db.comment.count({ where: { e164 } })).toBe(0);
  });

  test("a suspended member and a visitor", async () => {
    const e164 = await publicNumber();
    const suspended = await user({ suspended: true });
    await expect(createComment(suspended, { e164, body: "hello" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/suspended/) });
    await expect(createComment(null, { e164, body: "hello" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await db.comment.count({ where: { e164 } })).toBe(0);
  });

  test("exactly 2,000 characters is fine; cards and e-mails are masked before storage", async () => {
    const e164 = await publicNumber();
    const author = await user();
    expect((await createComment(author, { e164, body: "y".repeat(2000) })).masked).toBe(false);
    const result = await createComment(author, { e164, body: "They asked for 4111 1111 1111 1111 and me@example.com\non 12/03/2024" });
    expect(result.masked).toBe(true);
    expect(result.note).toMatch(/masked/);
    const stored = await db.comment.findUniqueOrThrow({ where: { id: result.id }, select: { body: true, bodyMasked: true } });
    expect(stored.body).toBe("They asked for [card number removed •••• 1111] and [e-mail removed]\non 12/03/2024");
    expect(stored.bodyMasked).toBe(true);
  });
});

describe("threads", () => {
  test("replies stay one level deep, newest threads first, counters exact", async () => {
    const e164 = await publicNumber();
    const [a, b] = [await user(), await user()];
    const first = await createComment(a, { e164, body: "first" });
    const second = await createComment(b, { e164, body: "second" });
    const reply = await createComment(b, { e164, body: "reply", parentId: first.id });
    const replyToReply = await createComment(a, { e164, body: "reply to reply", parentId: reply.id });
    expect(await db.comment.findUniqueOrThrow({ where: { id: replyToReply.id }, select: { parentId: true } })).toEqual({ parentId: first.id });
    const page = await listComments(e164, null);
    expect(page.threads.map((t) => t.id)).toEqual([second.id, first.id]);
    expect(page.threads[1].replies.map((r) => r.body)).toEqual(["reply", "reply to reply"]);
    expect(page.total).toBe(4);
    expect(await db.comment.findUniqueOrThrow({ where: { id: first.id }, select: { replyCount: true } })).toEqual({ replyCount: 2 });
    await countersExact();
  });

  test("a reply to a comment on another number is refused", async () => {
    const [one, two] = [await publicNumber(), await publicNumber()];
    const a = await user();
    const top = await createComment(a, { e164: one, body: "here" });
    await expect(createComment(a, { e164: two, body: "there", parentId: top.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("more than 20 threads page with a cursor", async () => {
    const e164 = await publicNumber();
    const a = await user();
    for (let i = 0; i < 23; i++) await createComment(a, { e164, body: `comment ${i}` });
    const first = await listComments(e164, null);
    expect(first.threads).toHaveLength(20);
    expect(first.threads[0].body).toBe("comment 22");
    const second = await listComments(e164, null, first.next!);
    expect(second.threads.map((t) => t.body)).toEqual(["comment 2", "comment 1", "comment 0"]);
    expect(second.next).toBeNull();
  });

  test("a long conversation shows its first replies and pages the rest, each once, whatever its length", async () => {
    const e164 = await publicNumber();
    const a = await user();
    const top = await createComment(a, { e164, body: "top" });
    const count = REPLIES_PAGE_SIZE * 2 + 3;
    // Written straight to the table (the daily comment limit would stop a member first), with one shared time so
    // the cursor's id tie-break is what orders them; the kept replyCount and commentCount move with them.
    const at = new Date();
    await db.comment.createMany({ data: Array.from({ length: count }, (_, i) => ({ id: `reply-${top.id}-${String(i).padStart(3, "0")}`, e164, parentId: top.id, authorId: a.id, body: `reply ${i}`, createdAt: at })) });
    await db.comment.update({ where: { id: top.id }, data: { replyCount: count } });
    await db.phoneNumber.update({ where: { e164 }, data: { commentCount: { increment: count } } });
    const page = await listComments(e164, null);
    const thread = page.threads.find((t) => t.id === top.id)!;
    expect(thread.replies).toHaveLength(REPLIES_PAGE_SIZE);
    expect(thread.moreReplies).toBe(count - REPLIES_PAGE_SIZE);
    const seen = thread.replies.map((r) => r.body);
    let last = thread.replies.at(-1)!;
    let left = thread.moreReplies;
    while (left > 0) {
      const more = await listReplies(e164, top.id, null, { createdAt: last.createdAt, id: last.id });
      expect(more.replies.length).toBe(Math.min(left, REPLIES_PAGE_SIZE));
      seen.push(...more.replies.map((r) => r.body));
      left = more.moreReplies;
      last = more.replies.at(-1)!;
    }
    expect(seen).toEqual(Array.from({ length: count }, (_, i) => `reply ${i}`));
    // Another thread's id, or a number whose comments are private, gives nothing.
    expect((await listReplies(e164, "no-such-thread", null, { createdAt: at.toISOString(), id: "a" })).replies).toEqual([]);
    const privateNumber = await publicNumber(1);
    expect(await listReplies(privateNumber, top.id, null, { createdAt: new Date(0).toISOString(), id: "a" })).toEqual({ replies: [], moreReplies: 0 });
    await countersExact();
  });
});

describe("edit and delete", () => {
  test("the author edits within 15 minutes, not after, and nobody else can", async () => {
    const e164 = await publicNumber();
    const [author, other] = [await user(), await user()];
    const { id } = await createComment(author, { e164, body: "typo" });
    await expect(editComment(other, { commentId: id, body: "mine now" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await editComment(author, { commentId: id, body: "fixed" });
    const edited = await db.comment.findUniqueOrThrow({ where: { id }, select: { body: true, editedAt: true } });
    expect(edited.body).toBe("fixed");
    expect(edited.editedAt).not.toBeNull();
    await db.comment.update({ where: { id }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    await expect(editComment(author, { commentId: id, body: "too late" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/15 minutes/) });
    expect((await db.comment.findUniqueOrThrow({ where: { id }, select: { body: true } })).body).toBe("fixed");
  });

  test("soft delete: gone when alone, 'removed' placeholder when it has replies", async () => {
    const e164 = await publicNumber();
    const [a, b] = [await user(), await user()];
    const lonely = await createComment(a, { e164, body: "lonely" });
    const parent = await createComment(a, { e164, body: "parent" });
    const reply = await createComment(b, { e164, body: "reply", parentId: parent.id });
    await expect(deleteComment(b, { commentId: parent.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteComment(a, { commentId: lonely.id });
    await deleteComment(a, { commentId: parent.id });
    expect(await db.comment.count({ where: { e164 } })).toBe(3);
    const page = await listComments(e164, null);
    expect(page.threads).toHaveLength(1);
    expect(page.threads[0]).toMatchObject({ id: parent.id, state: "REMOVED", body: null });
    expect(page.threads[0].replies.map((r) => r.id)).toEqual([reply.id]);
    await deleteComment(b, { commentId: reply.id });
    expect((await listComments(e164, null)).threads).toHaveLength(0);
    await countersExact();
  });
});

describe("flags", () => {
  test("three TL1 flags hide a comment pending review; the author still reads it", async () => {
    const e164 = await publicNumber();
    const author = await user();
    const { id } = await createComment(author, { e164, body: "rude words" });
    const flaggers = [await user(), await user(), await user()];
    expect(await flagComment(flaggers[0], { commentId: id, reason: "ABUSE" })).toEqual({ hidden: false });
    await expect(flagComment(flaggers[0], { commentId: id, reason: "SPAM" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await flagComment(flaggers[1], { commentId: id, reason: "ABUSE" })).toEqual({ hidden: false });
    expect((await listComments(e164, null)).threads[0].state).toBe("VISIBLE");
    expect(await flagComment(flaggers[2], { commentId: id, reason: "OTHER", note: "nasty" })).toEqual({ hidden: true });
    const visitorView = (await listComments(e164, null)).threads[0];
    expect(visitorView).toMatchObject({ state: "HIDDEN", body: null });
    expect((await listComments(e164, author)).threads[0]).toMatchObject({ state: "HIDDEN", body: "rude words" });
    expect(await db.comment.findUniqueOrThrow({ where: { id }, select: { flagCount: true } })).toEqual({ flagCount: 3 });
  });

  test("TL0 members cannot flag; three flags at once still hide exactly once", async () => {
    const e164 = await publicNumber();
    const { id } = await createComment(await user(), { e164, body: "spam spam" });
    const fresh = await user({ ageDays: 0 });
    await expect(flagComment(fresh, { commentId: id, reason: "SPAM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const unconfirmed = await user({ verified: false });
    await expect(flagComment(unconfirmed, { commentId: id, reason: "SPAM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const flaggers = await Promise.all([user(), user(), user()]);
    await Promise.all(flaggers.map((f) => flagComment(f, { commentId: id, reason: "SPAM" })));
    expect(await db.comment.findUniqueOrThrow({ where: { id }, select: { flagCount: true, hiddenAt: true } })).toMatchObject({ flagCount: 3, hiddenAt: expect.any(Date) });
  });

  test("a moderator's flag hides at once; moderators still read it", async () => {
    const e164 = await publicNumber();
    const { id } = await createComment(await user(), { e164, body: "my neighbour's number, call her" });
    const moderator = await user({ role: "MODERATOR" });
    expect(await flagComment(moderator, { commentId: id, reason: "PERSONAL_INFORMATION" })).toEqual({ hidden: true });
    expect((await listComments(e164, null)).threads[0].body).toBeNull();
    expect((await listComments(e164, moderator)).threads[0].body).toBe("my neighbour's number, call her");
  });
});

describe("privacy and limits", () => {
  test("one reporter: no comment text for visitors or members; two reporters or a verified claim: shown", async () => {
    const e164 = await publicNumber(1);
    await createComment(await user(), { e164, body: "story about a private person" });
    const hidden = await listComments(e164, null);
    expect(hidden.visibility).toMatchObject({ visible: false, reason: "TOO_FEW_REPORTERS" });
    expect(hidden.threads).toEqual([]);
    expect((await listComments(e164, await user())).threads).toEqual([]);
    expect((await listComments(e164, await user({ role: "MODERATOR" }))).threads).toHaveLength(1);
    await db.phoneNumber.update({ where: { e164 }, data: { reporterCount: 2 } });
    expect((await listComments(e164, null)).threads[0].body).toBe("story about a private person");
    const verifiedNumber = await publicNumber(0);
    await createComment(await user(), { e164: verifiedNumber, body: "official line" });
    await db.claim.create({ data: { e164: verifiedNumber, organisationKey: "-", status: "VERIFIED" } });
    expect((await listComments(verifiedNumber, null)).threads).toHaveLength(1);
  });

  test("accounts under a day old post 5 comments a day", async () => {
    const e164 = await publicNumber();
    const fresh = await user({ ageDays: 0.5 });
    for (let i = 0; i < 5; i++) await createComment(fresh, { e164, body: `note ${i}` });
    await expect(createComment(fresh, { e164, body: "sixth" })).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Try again/) });
    expect(await db.comment.count({ where: { authorId: fresh.id } })).toBe(5);
  });
});

test("a number whose texts were removed at its owner's request takes no new comments", async () => {
  const author = await user();
  await db.phoneNumber.create({ data: { e164: "+61491570199", type: "MOBILE", country: "AU", contentHiddenAt: new Date(), contentHiddenReason: "Owner's request" } });
  await expect(createComment(author, { e164: "+61491570199", body: "Still posting" })).rejects.toThrow(/removed at its owner's request/);
  expect(await db.comment.count({ where: { e164: "+61491570199" } })).toBe(0);
  expect((await db.phoneNumber.findUniqueOrThrow({ where: { e164: "+61491570199" } })).commentCount).toBe(0);
});

test("NUL bytes: a comment's text holding one is refused (issue 13), and an id holding one is INVALID rather than a database error", async () => {
  const e164 = await publicNumber();
  const author = await user();
  await expect(createComment(author, { e164, body: "before\u0000after" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { body: [expect.stringMatching(/control characters/)] } });
  const { id } = await createComment(author, { e164, body: "before and after" });
  for (const commentId of [`${id}\u0000`, "a b", "x".repeat(65)]) {
    await expect(editComment(author, { commentId, body: "edited" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(deleteComment(author, { commentId })).rejects.toMatchObject({ code: "INVALID" });
    await expect(createComment(author, { e164, body: "reply", parentId: commentId })).rejects.toMatchObject({ code: "INVALID" });
  }
  await expect(flagComment(await user({ role: "MODERATOR" }), { commentId: "\u0000", reason: "SPAM" })).rejects.toMatchObject({ code: "INVALID" });
  await countersExact();
});

test("editing and deleting one's own comments is rate-limited too", async () => {
  const author = await user();
  const e164 = await publicNumber();
  const { id } = await createComment(author, { e164, body: "First version" });
  for (let i = 0; i < 100; i++) await editComment(author, { commentId: id, body: `Version ${i}` });
  await expect(editComment(author, { commentId: id, body: "One too many" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  await expect(deleteComment(author, { commentId: id })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  const row = await db.comment.findUniqueOrThrow({ where: { id } });
  expect(row.body).toBe("Version 99");
  expect(row.deletedAt).toBeNull();
}, 60_000);
