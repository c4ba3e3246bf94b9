import "server-only";
// Whether a number's texts (report texts, comments) show to a viewer, for the pages that show texts without the
// whole number page: its older reports and its comments. The rule itself is lib/trust/privacy.ts.
import type { Role } from "../generated/prisma/enums";
import { db } from "../platform/db";
import { contentVisibility, type ContentVisibility } from "../trust/privacy";

/** Who reads a number's pages: a signed-in member or staff (by role), or a visitor (null). */
export type NumberViewer = { role: Role } | null;

/**
 * Whether the number's texts (report texts, comments) show to this viewer (lib/trust/privacy.ts), with its
 * comment count: one read, for the pages that show texts without the whole number page.
 */
export async function getNumberContentVisibility(e164: string, viewer: NumberViewer): Promise<{ visibility: ContentVisibility; comments: number }> {
  const number = await db.phoneNumber.findUnique({
    where: { e164 },
    select: { reporterCount: true, commentCount: true, contentHiddenAt: true, contentHiddenReason: true, claims: { where: { status: "VERIFIED" }, select: { id: true }, take: 1 } },
  });
  const visibility = contentVisibility(
    {
      reporterCount: number?.reporterCount ?? 0,
      hasVerifiedClaim: Boolean(number?.claims.length),
      contentHiddenAt: number?.contentHiddenAt ?? null,
      contentHiddenReason: number?.contentHiddenReason,
    },
    viewer,
  );
  return { visibility, comments: number?.commentCount ?? 0 };
}
