"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/accounts/authz";
import { toFailure, type ActionResult } from "@/lib/platform/errors";
import { unwatchOrganisation, watchOrganisation } from "@/lib/watches/organisation-watch";

export type OrganisationWatchState = ActionResult<{ watching: boolean }>;

/** Watches or stops watching the form's organisation (`watch` is "1" or "0"). */
export async function toggleOrganisationWatchAction(_prev: OrganisationWatchState | null, form: FormData): Promise<OrganisationWatchState> {
  try {
    const actor = await requireUser();
    const input = { organisationId: form.get("organisationId") };
    const outcome = form.get("watch") === "1" ? await watchOrganisation(actor, input) : await unwatchOrganisation(actor, input);
    revalidatePath("/organisations/[slug]", "page");
    revalidatePath("/account");
    return {
      ok: true,
      data: { watching: outcome.watching },
      message: outcome.watching
        ? "You are watching this organisation: we e-mail you when a number not on its verified list claims to be it. Change this under Alerts on your account page."
        : "You no longer watch this organisation.",
    };
  } catch (error) {
    return toFailure(error);
  }
}
