import "server-only";
import { ACTOR_SELECT, actorFromRow, type Actor, type ActorRow } from "../accounts/authz";
import { isModerator } from "../accounts/roles";
import { sql } from "../platform/db";

/** What is a member's own on an organisation's page; the rest of it is the same for everyone. */
export type MemberOrganisationParts = {
  watching: boolean;
  /** Whether they may manage it (its active representatives, and staff): "Manage <organisation>". */
  manages: boolean;
};

/**
 * One statement for a member's view of an organisation: the user's row (ACTOR_SELECT, read as getActorById
 * reads it) with whether they watch it and whether they are one of its active representatives ($1 the user,
 * $2 the organisation). The second is representsOrganisation's condition (lib/accounts/authz.ts);
 * lib/organisations/member-parts.db.test.ts holds the two equal.
 */
const MEMBER_ORGANISATION_SQL = `
  SELECT ${ACTOR_SELECT},
    EXISTS (SELECT 1 FROM "OrganisationWatch" w WHERE w."userId" = u.id AND w."organisationId" = $2) AS watching,
    EXISTS (SELECT 1 FROM "OrganisationRepresentative" r WHERE r."userId" = u.id AND r."organisationId" = $2 AND r.status = 'ACTIVE') AS represents
  FROM "User" u WHERE u.id = $1`;

/**
 * A member's view of an organisation (GET /api/me?organisation=): who they are now and their parts of its
 * page, or null when the user is gone or (with a session version) the session has been ended. Whether they
 * manage it is canManageOrganisation's rule: not suspended, and staff or an active representative. An
 * organisation that does not exist is neither watched nor managed.
 */
export async function memberOrganisationView(userId: string, sessionVersion: number | undefined, organisationId: string): Promise<{ actor: Actor; parts: MemberOrganisationParts } | null> {
  const [row] = await sql<ActorRow & { watching: boolean; represents: boolean }>(MEMBER_ORGANISATION_SQL, [userId, organisationId]);
  const actor = actorFromRow(row, sessionVersion);
  if (!actor) return null;
  return { actor, parts: { watching: row.watching, manages: actor.suspendedAt === null && (isModerator(actor) || row.represents) } };
}

/** A signed-in actor's parts of an organisation's page (the page rendered for them), by the same statement. */
export async function memberOrganisationParts(actor: { id: string }, organisationId: string): Promise<MemberOrganisationParts> {
  return (await memberOrganisationView(actor.id, undefined, organisationId))?.parts ?? { watching: false, manages: false };
}
