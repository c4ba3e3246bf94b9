import "server-only";
import { db } from "../platform/db";

export type UserReport = Awaited<ReturnType<typeof listReportsByUser>>[number];

/** A member's own reports, newest first (for the account page). */
export async function listReportsByUser(userId: string, options: { take?: number } = {}) {
  return db.report.findMany({
    where: { reporterId: userId },
    orderBy: { createdAt: "desc" },
    take: Math.min(options.take ?? 50, 200),
    select: {
      id: true,
      e164: true,
      category: true,
      occurredAt: true,
      createdAt: true,
      bodyMasked: true,
      hiddenAt: true,
      organisation: { select: { name: true, slug: true, status: true } },
    },
  });
}
