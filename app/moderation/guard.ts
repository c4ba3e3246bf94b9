import "server-only";
import { forbidden } from "next/navigation";
import { getActor, type Actor } from "@/lib/accounts/authz";
import { isModerator } from "@/lib/accounts/roles";

/** Every moderation page calls this: anyone but an unsuspended moderator or admin gets a 403. */
export async function moderatorOrForbidden(): Promise<Actor> {
  const actor = await getActor();
  if (!actor || actor.suspendedAt || !isModerator(actor)) forbidden();
  return actor;
}
