import "server-only";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { FLAGS_TO_HIDE } from "../comments/limits";
import { invalidateNumber } from "../platform/data-cache";
import { db } from "../platform/db";
import { AppError, isUniqueViolation, parseOrThrow } from "../platform/errors";
import { consumeLimit } from "../platform/rate-limit";
import { assertMayFlag } from "../trust/legitimacy";
import { setReportHidden } from "./queues";
import { flagReportSchema } from "./schema";

export type ReportFlagOutcome = { hidden: boolean };

/**
 * Flags a report for the moderators' flag queue (/moderation/flags: hide, restore, dismiss), as a comment is
 * flagged (lib/comments/flag.ts), by the same rules: members at TL1 and above, one flag per member per report
 * (the database's unique index), not one's own report, from the same daily allowance. The third member's flag
 * hides the report pending review and a moderator's hides it at once: it leaves the number's page and lists
 * until a moderator restores it.
 */
export async function flagReport(actor: Actor | null, input: unknown): Promise<ReportFlagOutcome> {
  assertCanWrite(actor);
  const data = parseOrThrow(flagReportSchema, input);
  const { staff } = await assertMayFlag(actor, "reports");
  await consumeLimit("flag", actor.id, "You have flagged a lot today");
  try {
    const outcome = await db.$transaction(async (tx) => {
      // The row lock serialises flags on one report, so the count that hides it is exact.
      const rows = await tx.$queryRaw<{ reporterId: string | null; hiddenAt: Date | null; e164: string; organisationId: string | null }[]>`
        SELECT "reporterId", "hiddenAt", e164, "organisationId" FROM "Report" WHERE id = ${data.reportId} FOR UPDATE`;
      const report = rows[0];
      if (!report) throw new AppError("NOT_FOUND", "That report no longer exists.");
      if (report.reporterId === actor.id) throw new AppError("FORBIDDEN", "You cannot flag your own report.");
      await tx.flag.create({ data: { flaggerId: actor.id, reportId: data.reportId, reason: data.reason, note: data.note || null } });
      if (report.hiddenAt) return { hidden: true, changed: null };
      const openFlags = await tx.flag.count({ where: { reportId: data.reportId, status: "OPEN" } });
      if (!staff && openFlags < FLAGS_TO_HIDE) return { hidden: false, changed: null };
      await setReportHidden(tx, data.reportId, { hiddenAt: new Date(), hiddenReason: staff ? "Flagged by a moderator" : `Flagged by ${openFlags} members` });
      return { hidden: true, changed: report };
    });
    // A report just hidden leaves its number's page, its organisation's and the home page's latest reports.
    if (outcome.changed) invalidateNumber(outcome.changed.e164, [outcome.changed.organisationId]);
    return { hidden: outcome.hidden };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "You have already flagged this report.");
    throw error;
  }
}
