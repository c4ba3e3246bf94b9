"use server";

import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/accounts/action";
import { assertCanWrite } from "@/lib/accounts/authz";
import type { ActionResult } from "@/lib/platform/errors";
import { single } from "@/lib/platform/form-fields";
import { unwatchOrganisation, watchOrganisation } from "@/lib/watches/organisation-watch";

export type OrganisationWatchState = ActionResult<{ watching: boolean }>;

/** Watches or stops watching the form's organisation (`watch` is "1" or "0"). */
export const toggleOrganisationWatchAction = serverAction({}, async (form, { actor }): Promise<OrganisationWatchState> => {
  assertCanWrite(actor);
  const input = { organisationId: single(form.organisationId) };
  const outcome = single(form.watch) === "1" ? await watchOrganisation(actor, input) : await unwatchOrganisation(actor, input);
  revalidatePath("/organisations/[slug]", "page");
  revalidatePath("/account");
  return {
    ok: true,
    data: { watching: outcome.watching },
    message: outcome.watching
      ? "You are watching this organisation: we e-mail you when a number not on its verified list claims to be it. Change this under Alerts on your account page."
      : "You no longer watch this organisation.",
  };
});
