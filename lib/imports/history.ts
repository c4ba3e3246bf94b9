import "server-only";
import { db } from "../platform/db";

export type ImportRun = {
  id: string;
  source: string;
  file: string;
  runBy: string;
  status: string;
  position: number;
  imported: number;
  duplicates: number;
  skipped: number;
  skipReasons: Record<string, number>;
  startedAt: Date;
  finishedAt: Date | null;
};

/** Past runs of `npm run import`, newest first (moderators' dashboard). */
export async function listImports(take = 100): Promise<ImportRun[]> {
  const rows = await db.import.findMany({
    orderBy: { startedAt: "desc" },
    take,
    select: { id: true, source: true, file: true, runBy: true, status: true, position: true, imported: true, duplicates: true, skipped: true, skipReasons: true, startedAt: true, finishedAt: true },
  });
  return rows.map((row) => ({ ...row, skipReasons: (row.skipReasons ?? {}) as Record<string, number> }));
}
