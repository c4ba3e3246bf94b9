import type { Actor } from "@/lib/accounts/authz";
import { isStaffRole } from "@/lib/accounts/roles";
import type { MemberViewer } from "./types";

/** The signed-in user as GET /api/me and the pages rendered for them describe them. */
export const memberViewerOf = (actor: Actor): MemberViewer => ({ name: actor.name, staff: isStaffRole(actor.role), suspended: actor.suspendedAt !== null });
