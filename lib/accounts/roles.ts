// Client-safe: every role check, written once. Roles themselves are Prisma's `Role` enum.
import { Role } from "../generated/prisma/enums";

/** Every role, in the enum's order (the role picker and its schema). */
export const ROLE_KEYS = Object.values(Role) as [Role, ...Role[]];

export const STAFF_ROLES = [Role.MODERATOR, Role.ADMIN] as const satisfies readonly Role[];

/** Moderators and admins (whether suspended is the caller's concern). */
export const isStaffRole = (role: Role | null | undefined): boolean => (STAFF_ROLES as readonly (Role | null | undefined)[]).includes(role);

export const isModerator = (actor: { role: Role } | null | undefined): boolean => isStaffRole(actor?.role);

export const isAdminRole = (role: Role | null | undefined): boolean => role === Role.ADMIN;

export const isAdmin = (actor: { role: Role } | null | undefined): boolean => isAdminRole(actor?.role);
