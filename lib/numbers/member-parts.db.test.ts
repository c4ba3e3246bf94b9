import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { createComment, deleteComment, listComments } from "../comments/comment";
import { flagComment } from "../comments/flag";
import { withMarks } from "../comments/marks";
import { db } from "../platform/db";
import { castVote } from "../votes/vote";
import { invalidateNumber } from "../platform/data-cache";
import { memberNumberParts, memberNumberView } from "./member-parts";
import { getNumberPage, LATEST_REPORTS } from "./page";
import { listPublicComments } from "./public-page";

// What GET /api/me adds to the number page everyone shares: the member's own rows, read afresh.

const DAY = 86_400_000;
const suffix = () => randomBytes(4).toString("hex");

async function user(options: { role?: "USER" | "MODERATOR"; suspended?: boolean } = {}): Promise<Actor> {
  const createdAt = new Date(Date.now() - 40 * DAY);
  return db.user.create({
    data: { email: `parts-${suffix()}@example.com`, name: `Parts ${suffix()}`, role: options.role ?? "USER", createdAt, emailVerified: createdAt, suspendedAt: options.suspended ? new Date() : null },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

let n = 0;
async function publicNumber() {
  const e164 = `+6149157${String(process.pid % 100).padStart(2, "0")}${String(n++).padStart(2, "0")}`;
  await db.phoneNumber.upsert({ where: { e164 }, create: { e164, country: "AU", type: "MOBILE", reporterCount: 2 }, update: {} });
  return e164;
}

describe("a member's parts of a number page (memberNumberParts)", () => {
  test("their vote, watch, comment marks and the organisations they speak for; nothing of anyone else's", async () => {
    const e164 = await publicNumber();
    const [me, other, moderator, stranger] = [await user(), await user(), await user({ role: "MODERATOR" }), await user()];
    await castVote(me, { e164, legitimate: false });
    await castVote(other, { e164, legitimate: true });
    await db.watch.create({ data: { userId: me.id, e164 } });
    const mine = await createComment(me, { e164, body: "mine" });
    const hiddenMine = await createComment(me, { e164, body: "mine, hidden by a moderator" });
    await flagComment(moderator, { commentId: hiddenMine.id, reason: "ABUSE" });
    const removedHidden = await createComment(me, { e164, body: "mine, hidden, then removed by me" });
    await flagComment(moderator, { commentId: removedHidden.id, reason: "ABUSE" });
    await deleteComment(me, { commentId: removedHidden.id });
    const theirs = await createComment(other, { e164, body: "theirs, flagged by me" });
    await flagComment(me, { commentId: theirs.id, reason: "SPAM" });
    const s = suffix();
    const org = await db.organisation.create({ data: { slug: `parts-${s}`, name: `Parts Org ${s}`, category: "INSURER", country: "AU", domains: [`parts-${s}.example`], searchText: `parts ${s}` } });
    await db.claim.create({ data: { e164, organisationId: org.id, organisationKey: org.id } });
    await db.organisationRepresentative.create({ data: { userId: me.id, organisationId: org.id, email: me.email, status: "ACTIVE", method: "MODERATOR", confirmedAt: new Date() } });

    const parts = await memberNumberParts(me, e164);
    const claim = await db.claim.findFirstOrThrow({ where: { e164, organisationKey: "-" } });
    expect(parts.votes).toEqual({ [claim.id]: false });
    expect(parts.watching).toBe(true);
    expect(parts.speaksFor).toEqual([{ id: org.id, name: org.name }]);
    expect(parts.comments[mine.id]).toMatchObject({ mine: true, flaggedByMe: false, editableUntil: expect.any(String) });
    expect(parts.comments[mine.id].hiddenBody).toBeUndefined();
    expect(parts.comments[hiddenMine.id]).toMatchObject({ mine: true, hiddenBody: "mine, hidden by a moderator" });
    expect(parts.comments[theirs.id]).toEqual({ mine: false, flaggedByMe: true, editableUntil: null });
    // A text they removed themselves no longer travels, hidden or not.
    if (parts.comments[removedHidden.id]) expect(parts.comments[removedHidden.id].hiddenBody).toBeUndefined();
    expect(JSON.stringify(parts)).not.toContain("then removed by me");
    // Everyone's first page with these marks is the page read for the member.
    expect(withMarks(await listPublicComments(e164), parts.comments)).toEqual(await listComments(e164, me));

    const nothing = await memberNumberParts(stranger, e164);
    expect(nothing).toEqual({ watching: false, votes: {}, comments: {}, speaksFor: [] });
  });

  test("a suspended representative speaks for no one", async () => {
    const e164 = await publicNumber();
    const suspended = await user({ suspended: true });
    const s = suffix();
    const org = await db.organisation.create({ data: { slug: `parts-${s}`, name: `Parts Org ${s}`, category: "INSURER", country: "AU", domains: [`parts-${s}.example`], searchText: `parts ${s}` } });
    await db.claim.create({ data: { e164, organisationId: org.id, organisationKey: org.id } });
    await db.organisationRepresentative.create({ data: { userId: suspended.id, organisationId: org.id, email: suspended.email, status: "ACTIVE", method: "MODERATOR", confirmedAt: new Date() } });
    expect((await memberNumberParts(suspended, e164)).speaksFor).toEqual([]);
  });
});

describe("a member's page of comments from everyone's page and their marks", () => {
  test("equals the page read for the member: own comments (hidden, removed, old, replies) and flags", async () => {
    const e164 = await publicNumber();
    const [me, other, moderator] = [await user(), await user(), await user({ role: "MODERATOR" })];
    const mine = await createComment(me, { e164, body: "mine, visible" });
    const hiddenMine = await createComment(me, { e164, body: "mine, hidden by a moderator" });
    await flagComment(moderator, { commentId: hiddenMine.id, reason: "ABUSE" });
    const old = await createComment(me, { e164, body: "mine, past the edit window" });
    await db.comment.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 2 * DAY) } });
    const theirs = await createComment(other, { e164, body: "theirs" });
    const myReply = await createComment(me, { e164, body: "my reply", parentId: theirs.id });
    const flagged = await createComment(other, { e164, body: "theirs, flagged by me" });
    await flagComment(me, { commentId: flagged.id, reason: "SPAM" });
    const removed = await createComment(me, { e164, body: "mine, removed, with a reply" });
    await createComment(other, { e164, body: "a reply keeps the removed thread", parentId: removed.id });
    await deleteComment(me, { commentId: removed.id });
    const hiddenTheirs = await createComment(other, { e164, body: "theirs, hidden" });
    await flagComment(moderator, { commentId: hiddenTheirs.id, reason: "ABUSE" });

    const everyone = await listComments(e164, null);
    const marked = withMarks(everyone, (await memberNumberParts(me, e164)).comments);
    expect(marked).toEqual(await listComments(e164, me));
    // What the marks changed, so the equality above is about them.
    const byId = new Map(marked.threads.flatMap((t) => [t, ...t.replies]).map((c) => [c.id, c]));
    expect(byId.get(mine.id)).toMatchObject({ mine: true, editableUntil: expect.any(String) });
    expect(byId.get(hiddenMine.id)).toMatchObject({ mine: true, state: "HIDDEN", body: "mine, hidden by a moderator", editableUntil: null });
    expect(everyone.threads.find((t) => t.id === hiddenMine.id)).toMatchObject({ body: null, mine: false });
    expect(byId.get(old.id)).toMatchObject({ mine: true, editableUntil: null });
    expect(byId.get(myReply.id)).toMatchObject({ mine: true });
    expect(byId.get(flagged.id)).toMatchObject({ mine: false, flaggedByMe: true });
    expect(byId.get(removed.id)).toMatchObject({ mine: true, state: "REMOVED", body: null });
    expect(byId.get(hiddenTheirs.id)).toMatchObject({ state: "HIDDEN", body: null });
    // Another member, with nothing of theirs on the page, gets everyone's page as it is.
    const stranger = await user();
    expect(withMarks(everyone, (await memberNumberParts(stranger, e164)).comments)).toBe(everyone);
    expect(everyone).toEqual(await listComments(e164, stranger));
  });
});

describe("staff's texts on a number page (memberNumberView)", () => {
  test("where the privacy rule holds texts back: the latest reports' texts as the page rendered for staff lists them, and the comments as staff read them", async () => {
    // One reporter: texts held back from everyone but staff.
    const e164 = `+6149156${String(process.pid % 100).padStart(2, "0")}${String(n++).padStart(2, "0")}`;
    await db.phoneNumber.upsert({ where: { e164 }, create: { e164, country: "AU", type: "MOBILE", reporterCount: 1 }, update: { reporterCount: 1 } });
    const author = await user();
    const moderator = await user({ role: "MODERATOR" });
    const member = await user();
    // More reports than the page lists, some at the same moment (the order falls back to the id), one hidden.
    const at = new Date(Date.now() - DAY);
    for (let i = 0; i < LATEST_REPORTS + 3; i++) {
      await db.report.create({
        data: {
          e164,
          reporterId: author.id,
          occurredAt: new Date(at.getTime() + Math.floor(i / 3) * 60_000),
          category: "SCAM",
          askedFor: [],
          body: i % 4 === 0 ? null : `text ${i}`,
          callerIdName: i % 3 === 0 ? `CALLER ${i}` : null,
          hiddenAt: i === 7 ? new Date() : null,
        },
      });
    }
    const staffView = await memberNumberView(moderator.id, undefined, e164);
    const rendered = await getNumberPage(e164, { role: "MODERATOR" });
    expect(rendered.latestReports).toHaveLength(LATEST_REPORTS);
    const expected = rendered.latestReports.map((report) => [report.id, { body: report.body, callerIdName: report.callerIdName }]);
    expect(Object.entries(staffView!.parts.staff!.reports)).toEqual(expected);
    // No comments yet: staff's page of them is the empty one they may read, without a read.
    expect(staffView!.parts.staff!.comments).toMatchObject({ visibility: { visible: true }, threads: [], total: 0 });

    const comment = await createComment(author, { e164, body: "a comment the rule holds back" });
    invalidateNumber(e164);
    const withComment = await memberNumberView(moderator.id, undefined, e164);
    expect(withComment!.parts.staff!.comments).toEqual(await listComments(e164, moderator));
    expect(withComment!.parts.staff!.comments.threads.map((thread) => thread.id)).toEqual([comment.id]);

    // A member's view carries none of it, and the statement read no texts for them.
    const memberView = await memberNumberView(member.id, undefined, e164);
    expect(memberView!.parts.staff).toBeUndefined();
    // A page rendered for staff reads its texts itself: memberNumberParts adds none.
    expect((await memberNumberParts(moderator, e164)).staff).toBeUndefined();
  });
});
