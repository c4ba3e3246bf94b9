// Client-safe: the roles that moderate, written once. Roles themselves are Prisma's `Role` enum.
import type { Role } from "../generated/prisma/enums";

export const STAFF_ROLES = ["MODERATOR", "ADMIN"] as const satisfies readonly Role[];

/** Moderators and admins (whether suspended is the caller's concern). */
export const isStaffRole = (role: Role | null | undefined): boolean => role === "MODERATOR" || role === "ADMIN";

export const isModerator = (actor: { role: Role } | null | undefined): boolean => isStaffRole(actor?.role);
