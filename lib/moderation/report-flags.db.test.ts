import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "../accounts/authz";
import { listNumberReports } from "../numbers/report-list";
import { recountAll } from "../numbers/counters";
import { db } from "../platform/db";
import { listFlagQueue, resolveFlags } from "./queues";
import { flagReport } from "./report-flags";

// Members flag reports as they flag comments (issue 7: "Flags (comments, reports) with hide / restore /
// dismiss"): the flag queue, the third member's flag or a moderator's hiding it, and the rules on who may.

const DAY = 86_400_000;
const uid = () => randomBytes(5).toString("hex");
let seq = 0;

async function user(options: { ageDays?: number; verified?: boolean; suspended?: boolean; role?: "USER" | "MODERATOR" } = {}): Promise<Actor> {
  const createdAt = new Date(Date.now() - (options.ageDays ?? 40) * DAY);
  return db.user.create({
    data: {
      email: `rf-${uid()}@example.com`,
      name: `Flagger ${uid()}`,
      role: options.role ?? "USER",
      createdAt,
      emailVerified: options.verified === false ? null : createdAt,
      suspendedAt: options.suspended ? new Date() : null,
    },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

/** A number with one report by a member of its own (kept counters recounted, as a real report leaves them). */
async function reported() {
  const e164 = `+61412${String(700_000 + ++seq).padStart(6, "0")}`;
  await db.phoneNumber.create({ data: { e164, country: "AU", type: "MOBILE" } });
  const author = await user();
  const report = await db.report.create({ data: { e164, reporterId: author.id, category: "SCAM", occurredAt: new Date(), body: "Named my neighbour." }, select: { id: true } });
  await recountAll(db);
  return { e164, author, reportId: report.id };
}

const listed = async (e164: string) => (await listNumberReports(e164, null, null)).reports.map((report) => report.id);
const visibleCount = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { visibleReportCount: true } })).visibleReportCount;

describe("flagging a report", () => {
  test("a flag reaches the moderators' queue; the third member's flag hides it; a moderator's restore brings it back", async () => {
    const { e164, author, reportId } = await reported();
    expect(await visibleCount(author.id)).toBe(1);
    const flaggers = [await user(), await user(), await user()];
    expect(await flagReport(flaggers[0], { reportId, reason: "PERSONAL_INFORMATION", note: "names a neighbour" })).toEqual({ hidden: false });
    await expect(flagReport(flaggers[0], { reportId, reason: "SPAM" })).rejects.toMatchObject({ code: "CONFLICT", message: "You have already flagged this report." });
    expect(await listed(e164)).toEqual([reportId]);

    const queue = await listFlagQueue(500);
    const item = queue.items.find((entry) => entry.id === reportId);
    expect(item).toMatchObject({ targetType: "report", e164, text: "Named my neighbour.", anonymous: false });
    expect(item?.flags).toEqual([expect.objectContaining({ reason: "PERSONAL_INFORMATION", note: "names a neighbour", flagger: flaggers[0].name })]);

    expect(await flagReport(flaggers[1], { reportId, reason: "ABUSE" })).toEqual({ hidden: false });
    expect(await flagReport(flaggers[2], { reportId, reason: "OTHER" })).toEqual({ hidden: true });
    expect(await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { hiddenAt: true, hiddenReason: true } })).toEqual({ hiddenAt: expect.any(Date), hiddenReason: "Flagged by 3 members" });
    expect(await listed(e164)).toEqual([]);
    // A hidden report stops counting towards its author's trust, as a moderator's hide does.
    expect(await visibleCount(author.id)).toBe(0);

    const moderator = await user({ role: "MODERATOR" });
    await resolveFlags(moderator, { targetType: "report", targetId: reportId, decision: "restore", reason: "Checked: no one is named" });
    expect(await listed(e164)).toEqual([reportId]);
    expect(await visibleCount(author.id)).toBe(1);
    expect(await db.flag.groupBy({ by: ["status"], where: { reportId }, _count: true })).toEqual([{ status: "DISMISSED", _count: 3 }]);
  });

  test("a moderator's flag hides at once; three flags at once hide it exactly once", async () => {
    const first = await reported();
    expect(await flagReport(await user({ role: "MODERATOR" }), { reportId: first.reportId, reason: "PERSONAL_INFORMATION" })).toEqual({ hidden: true });
    expect(await db.report.findUniqueOrThrow({ where: { id: first.reportId }, select: { hiddenReason: true } })).toEqual({ hiddenReason: "Flagged by a moderator" });
    expect(await listed(first.e164)).toEqual([]);

    const second = await reported();
    const flaggers = await Promise.all([user(), user(), user()]);
    const outcomes = await Promise.all(flaggers.map((flagger) => flagReport(flagger, { reportId: second.reportId, reason: "SPAM" })));
    expect(outcomes.filter((outcome) => outcome.hidden)).toHaveLength(1);
    expect(await db.flag.count({ where: { reportId: second.reportId, status: "OPEN" } })).toBe(3);
    // Hidden once: the author's count moved by one, not three.
    expect(await visibleCount(second.author.id)).toBe(0);
  });

  test("refused, with nothing stored: visitors, new or unconfirmed accounts, suspended members, one's own report, bad input", async () => {
    const { reportId, author } = await reported();
    await expect(flagReport(null, { reportId, reason: "SPAM" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(flagReport(await user({ ageDays: 0 }), { reportId, reason: "SPAM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(flagReport(await user({ verified: false }), { reportId, reason: "SPAM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(flagReport(await user({ suspended: true }), { reportId, reason: "SPAM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(flagReport(author, { reportId, reason: "SPAM" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "You cannot flag your own report." });
    const member = await user();
    await expect(flagReport(member, { reportId, reason: "NOT_A_REASON" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(flagReport(member, { reportId: "\u0000", reason: "SPAM" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(flagReport(member, { reportId, reason: "SPAM", note: "x".repeat(501) })).rejects.toMatchObject({ code: "INVALID" });
    await expect(flagReport(member, { reportId: "no-such-report", reason: "SPAM" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.flag.count({ where: { reportId } })).toBe(0);
  });
});
