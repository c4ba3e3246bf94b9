import "server-only";
import { readActorWith, type Actor } from "../accounts/authz";
import { isModerator } from "../accounts/roles";
import { recentReportTexts } from "./organisation";

/** What is a member's own on an organisation's page; the rest of it is the same for everyone. */
export type MemberOrganisationParts = {
  watching: boolean;
  /** Whether they may manage it (its active representatives, and staff): "Manage <organisation>". */
  manages: boolean;
  /** Staff only: the recent reports' texts (by report id), which the page shows others only where allowed. */
  staff?: { reports: Record<string, string | null> };
};

/**
 * Whether the member watches the organisation and whether they are one of its active representatives, read
 * beside their user row (readActorWith: u the user, $2 the organisation). The second is
 * representsOrganisation's condition (lib/accounts/authz.ts); lib/organisations/member-parts.db.test.ts
 * holds the two equal.
 */
const OWN_ROWS_SQL = `
    EXISTS (SELECT 1 FROM "OrganisationWatch" w WHERE w."userId" = u.id AND w."organisationId" = $2) AS watching,
    EXISTS (SELECT 1 FROM "OrganisationRepresentative" r WHERE r."userId" = u.id AND r."organisationId" = $2 AND r.status = 'ACTIVE') AS represents`;

/**
 * A member's view of an organisation (GET /api/me?organisation=): who they are now and their parts of its
 * page, or null when the user is gone or (with a session version, or the session's id) the session has been ended. Whether they
 * manage it is canManageOrganisation's rule: not suspended, and staff or an active representative. An
 * organisation that does not exist is neither watched nor managed.
 */
export async function memberOrganisationView(
  userId: string,
  sessionVersion: number | undefined,
  organisationId: string,
  { staffTexts = true, sid }: { staffTexts?: boolean; sid?: string } = {},
): Promise<{ actor: Actor; parts: MemberOrganisationParts } | null> {
  const read = await readActorWith<{ watching: boolean; represents: boolean }>(userId, sessionVersion, OWN_ROWS_SQL, [organisationId], sid);
  if (!read) return null;
  const { actor, row } = read;
  // Staff (and only staff) also get the report texts others do not see: one more read, for them alone.
  const staff = staffTexts && isModerator(actor) ? { reports: await recentReportTexts(organisationId) } : undefined;
  return { actor, parts: { watching: row.watching, manages: actor.suspendedAt === null && (isModerator(actor) || row.represents), ...(staff ? { staff } : {}) } };
}

/**
 * A signed-in actor's parts of an organisation's page (the page rendered for them), by the same statement. A
 * page rendered for staff already shows them the texts, so none are added here.
 */
export async function memberOrganisationParts(actor: { id: string }, organisationId: string): Promise<MemberOrganisationParts> {
  return (await memberOrganisationView(actor.id, undefined, organisationId, { staffTexts: false }))?.parts ?? { watching: false, manages: false };
}
