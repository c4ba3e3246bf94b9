// Pure: who may read the free text (report texts and comments) on a number's page.
import type { Role } from "../generated/prisma/enums";
import { isModerator } from "../accounts/roles";

export const PRIVACY = {
  /** Distinct members who must have reported a number before its texts are public. */
  minReporters: 2,
} as const;

export type ContentVisibility =
  | { visible: true }
  | { visible: false; reason: "REMOVED" | "TOO_FEW_REPORTERS"; note: string };

/**
 * One angry report must not publish a private person's number with a story: texts stay hidden until
 * two different members have reported the number, or it is a verified number. An approved removal
 * request hides them from everyone. Moderators always see them.
 */
export function contentVisibility(
  number: { reporterCount: number; hasVerifiedClaim: boolean; contentHiddenAt: Date | null; contentHiddenReason?: string | null },
  viewer: { role: Role } | null,
): ContentVisibility {
  if (isModerator(viewer)) return { visible: true };
  if (number.contentHiddenAt) {
    return { visible: false, reason: "REMOVED", note: number.contentHiddenReason || "Comments and report texts on this number were removed at its owner's request." };
  }
  if (number.hasVerifiedClaim || number.reporterCount >= PRIVACY.minReporters) return { visible: true };
  return {
    visible: false,
    reason: "TOO_FEW_REPORTERS",
    note: "Comments and report details stay hidden until at least two different members have reported this number, so one report cannot put a private person's number and story on show.",
  };
}
