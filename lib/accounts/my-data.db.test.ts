import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { deleteAccount, exportAccountData, listMyReports } from "./my-data";
import { getActorById, type Actor } from "./authz";
import { createComment, deleteComment } from "../comments/comment";
import { recountAll } from "../numbers/counters";
import { db } from "../platform/db";
import { flagComment } from "../comments/flag";
import { createReport } from "../reports/report";
import { castVote, ensureNumberClaim } from "../votes/vote";
import { watchNumber } from "../watches/watch";

const DAY = 86_400_000;
const key = () => randomBytes(6).toString("hex");
const PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$not-a-real-hash-but-secret";

async function member(options: { role?: "USER" | "ADMIN"; suspended?: boolean } = {}): Promise<Actor> {
  const createdAt = new Date(Date.now() - 40 * DAY);
  return db.user.create({
    data: {
      email: `member-${key()}@example.com`,
      name: "Member",
      passwordHash: PASSWORD_HASH,
      role: options.role ?? "USER",
      createdAt,
      emailVerified: createdAt,
      suspendedAt: options.suspended ? new Date() : null,
    },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

const report = (actor: Actor, number: string, category = "SCAM", body?: string) =>
  createReport(actor, { number, occurredAt: "", channel: "CALL", category, askedFor: [], idempotencyKey: key(), body }, { address: `addr-${key()}` });

/** Every denormalised counter, in a stable order. */
async function counters() {
  return {
    numbers: await db.phoneNumber.findMany({
      orderBy: { e164: "asc" },
      select: { e164: true, reportCount: true, reporterCount: true, commentCount: true, watchCount: true, firstReportedAt: true, lastReportedAt: true },
    }),
    categories: await db.numberCategoryStat.findMany({ orderBy: [{ e164: "asc" }, { category: "asc" }] }),
    reporters: await db.numberReporter.findMany({ orderBy: [{ e164: "asc" }, { userId: "asc" }] }),
    claims: await db.claim.findMany({ orderBy: { id: "asc" }, select: { id: true, legitVotes: true, notLegitVotes: true, reportCount: true } }),
    comments: await db.comment.findMany({ orderBy: { id: "asc" }, select: { id: true, replyCount: true } }),
  };
}

async function expectCountersMatchRows() {
  const live = await counters();
  await recountAll(db);
  expect(await counters()).toEqual(live);
}

describe("exportAccountData", () => {
  test("holds everything the member wrote or set, only theirs, and never the password hash", async () => {
    const [me, other] = [await member(), await member()];
    await report(me, "+61491570301", "SCAM", "They asked for my PIN.");
    await report(other, "+61491570301", "TELEMARKETING", "Someone else's words.");
    const { claimId } = await castVote(me, { e164: "+61491570301", legitimate: false });
    await castVote(other, { claimId, legitimate: true });
    const mine = await createComment(me, { e164: "+61491570301", body: "My comment on this caller." });
    const theirs = await createComment(other, { e164: "+61491570301", body: "Another member's comment." });
    await flagComment(me, { commentId: theirs.id, reason: "SPAM", note: "Looks like an advert." });
    await watchNumber(me, { e164: "+61491570302" });

    const data = await exportAccountData(me.id);
    const json = JSON.stringify(data);
    expect(json).not.toContain("passwordHash");
    expect(json).not.toContain(PASSWORD_HASH);
    expect(json).not.toContain(other.email);
    expect(json).not.toContain("Someone else's words.");
    expect(json).not.toContain("Another member's comment.");
    expect(data.profile).toMatchObject({ id: me.id, email: me.email, name: "Member", role: "USER" });
    expect(data.reports).toEqual([expect.objectContaining({ e164: "+61491570301", category: "SCAM", body: "They asked for my PIN." })]);
    expect(data.comments).toEqual([expect.objectContaining({ id: mine.id, body: "My comment on this caller.", deletedAt: null })]);
    expect(data.votes).toEqual([expect.objectContaining({ claimId, e164: "+61491570301", legitimate: false })]);
    expect(data.flags).toEqual([expect.objectContaining({ commentId: theirs.id, reason: "SPAM", note: "Looks like an advert." })]);
    expect(data.watches).toEqual([expect.objectContaining({ e164: "+61491570302" })]);
    // It survives the trip through JSON (the download) unchanged in shape.
    expect(Object.keys(JSON.parse(json))).toEqual(["format", "version", "exportedAt", "profile", "reports", "comments", "votes", "flags", "watches", "organisationWatches"]);
  });

  test("a deleted account has nothing to export", async () => {
    const me = await member();
    await deleteAccount(me, { confirmation: "DELETE" });
    await expect(exportAccountData(me.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("listMyReports", () => {
  test("newest first, a page at a time, with the total", async () => {
    const me = await member();
    for (const n of ["+61491570311", "+61491570312", "+61491570313"]) await report(me, n);
    const first = await listMyReports(me.id, 2);
    expect(first.reports.map((r) => r.e164)).toEqual(["+61491570313", "+61491570312"]);
    expect(first).toMatchObject({ total: 3, more: true });
    expect(await listMyReports(me.id, 4)).toMatchObject({ total: 3, more: false });
    expect(await listMyReports((await member()).id, 20)).toEqual({ reports: [], total: 0, more: false });
  });
});

describe("deleteAccount", () => {
  test("anonymises the member, removes votes, watches, sign-in methods and tokens, soft-deletes comments, keeps reports — counters exact", async () => {
    const [me, other] = [await member(), await member()];
    const scam = "+61491570321";
    const quiet = "+61491570322";
    await report(me, scam, "SCAM");
    await report(me, scam, "IMPERSONATION");
    await report(other, scam, "SCAM");
    const legitClaim = await castVote(me, { e164: scam, legitimate: true });
    await castVote(other, { claimId: legitClaim.claimId, legitimate: true });
    const quietClaim = await ensureNumberClaim(quiet);
    await castVote(me, { claimId: quietClaim.id, legitimate: false });

    const otherTop = await createComment(other, { e164: scam, body: "Called me twice today." });
    const myReply = await createComment(me, { e164: scam, body: "Same here, hung up.", parentId: otherTop.id });
    const myTop = await createComment(me, { e164: scam, body: "Asked for my bank details." });
    const otherReply = await createComment(other, { e164: scam, body: "Did you call the bank?", parentId: myTop.id });
    const myOwnReply = await createComment(me, { e164: scam, body: "Yes, they never called.", parentId: myTop.id });
    const gone = await createComment(me, { e164: quiet, body: "Removed already." });
    await deleteComment(me, { commentId: gone.id });

    await watchNumber(me, { e164: scam });
    await watchNumber(other, { e164: scam });
    await watchNumber(me, { e164: "+61491570323" });
    await db.account.create({ data: { userId: me.id, type: "oauth", provider: "github", providerAccountId: key() } });
    await db.authToken.create({ data: { userId: me.id, purpose: "RESET_PASSWORD", tokenHash: key(), expiresAt: new Date(Date.now() + DAY) } });
    const audit = await db.auditEntry.create({ data: { actorId: me.id, action: "test.entry", targetType: "User", targetId: me.id }, select: { id: true } });
    await expectCountersMatchRows();

    await expect(deleteAccount(me, { confirmation: "not me" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { confirmation: expect.any(Array) } });
    expect(await getActorById(me.id)).not.toBeNull();

    await deleteAccount(me, { confirmation: `  ${me.email.toUpperCase()} ` });

    const user = await db.user.findUniqueOrThrow({ where: { id: me.id } });
    expect(user).toMatchObject({ name: "Deleted member", email: `deleted-${me.id}@callercheck.invalid`, passwordHash: null, image: null, emailVerified: null });
    expect(user.deletedAt).toBeInstanceOf(Date);
    expect(await getActorById(me.id)).toBeNull();
    expect(await db.vote.count({ where: { userId: me.id } })).toBe(0);
    expect(await db.watch.count({ where: { userId: me.id } })).toBe(0);
    expect(await db.account.count({ where: { userId: me.id } })).toBe(0);
    expect(await db.authToken.count({ where: { userId: me.id } })).toBe(0);
    expect(await db.comment.count({ where: { authorId: me.id, deletedAt: null } })).toBe(0);
    expect(await db.comment.count({ where: { authorId: me.id } })).toBe(4);
    expect(await db.report.count({ where: { reporterId: me.id } })).toBe(2);
    expect(await db.auditEntry.findUnique({ where: { id: audit.id }, select: { actorId: true } })).toEqual({ actorId: me.id });

    // The other member's rows are untouched, and every counter moved by exactly what was removed.
    const claim = await db.claim.findUniqueOrThrow({ where: { id: legitClaim.claimId }, select: { legitVotes: true, notLegitVotes: true } });
    expect(claim).toEqual({ legitVotes: 1, notLegitVotes: 0 });
    expect(await db.claim.findUniqueOrThrow({ where: { id: quietClaim.id }, select: { notLegitVotes: true } })).toEqual({ notLegitVotes: 0 });
    const number = await db.phoneNumber.findUniqueOrThrow({ where: { e164: scam }, select: { reportCount: true, commentCount: true, watchCount: true } });
    expect(number).toEqual({ reportCount: 3, commentCount: 2, watchCount: 1 });
    expect(await db.comment.findUniqueOrThrow({ where: { id: otherTop.id }, select: { replyCount: true } })).toEqual({ replyCount: 0 });
    expect(await db.comment.findUniqueOrThrow({ where: { id: myTop.id }, select: { replyCount: true } })).toEqual({ replyCount: 1 });
    expect(await db.comment.findUniqueOrThrow({ where: { id: otherReply.id }, select: { deletedAt: true } })).toEqual({ deletedAt: null });
    expect(await db.comment.findUniqueOrThrow({ where: { id: myReply.id }, select: { deletedAt: true } })).not.toEqual({ deletedAt: null });
    expect(await db.comment.findUniqueOrThrow({ where: { id: myOwnReply.id }, select: { deletedAt: true } })).not.toEqual({ deletedAt: null });
    await expectCountersMatchRows();

    // Once deleted, there is nothing left to delete.
    await expect(deleteAccount(me, { confirmation: "DELETE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("the last admin cannot delete their account; an admin with a colleague can", async () => {
    const first = await member({ role: "ADMIN" });
    await db.user.updateMany({ where: { role: "ADMIN", id: { not: first.id } }, data: { role: "USER" } });
    await expect(deleteAccount(first, { confirmation: "DELETE" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getActorById(first.id)).not.toBeNull();
    await member({ role: "ADMIN" });
    await deleteAccount(first, { confirmation: "DELETE" });
    expect(await getActorById(first.id)).toBeNull();
  });

  test("visitors and suspended members cannot delete; an empty confirmation is refused", async () => {
    await expect(deleteAccount(null, { confirmation: "DELETE" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const suspended = await member({ suspended: true });
    await expect(deleteAccount(suspended, { confirmation: "DELETE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const me = await member();
    await expect(deleteAccount(me, { confirmation: "  " })).rejects.toMatchObject({ code: "INVALID" });
    await expect(deleteAccount(me, { confirmation: "delete" })).rejects.toMatchObject({ code: "INVALID" });
    expect(await db.user.count({ where: { id: { in: [suspended.id, me.id] }, deletedAt: { not: null } } })).toBe(0);
  });
});
