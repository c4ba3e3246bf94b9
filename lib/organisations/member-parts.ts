import "server-only";
import { canManageOrganisation, type Actor } from "../accounts/authz";
import { isWatchingOrganisation } from "../watches/organisation-watch";

/** What is a member's own on an organisation's page; the rest of it is the same for everyone. */
export type MemberOrganisationParts = {
  watching: boolean;
  /** Whether they may manage it (its active representatives, and staff): "Manage <organisation>". */
  manages: boolean;
};

/** Two reads in parallel; an organisation that does not exist is neither watched nor managed. */
export async function memberOrganisationParts(actor: Actor, organisationId: string): Promise<MemberOrganisationParts> {
  const [watching, manages] = await Promise.all([isWatchingOrganisation(actor.id, organisationId), canManageOrganisation(actor, organisationId)]);
  return { watching, manages };
}
