"use server";

import { serverAction } from "@/lib/accounts/action";
import { unsubscribe } from "@/lib/alerts/preferences";
import type { ActionResult } from "@/lib/platform/errors";
import { single } from "@/lib/platform/form-fields";

/** The unsubscribe page's button: no sign-in, the token is the authority. */
export const unsubscribeAction = serverAction({}, async (form): Promise<ActionResult> => {
  const outcome = await unsubscribe(single(form.token));
  return {
    ok: true,
    data: undefined,
    message:
      outcome.scope === "ALL"
        ? "Done: we will not e-mail you alerts any more. You can turn them back on from Alerts on your account page."
        : `Done: we will not e-mail you about ${outcome.label} any more. It stays in What's new on your account page.`,
  };
});
