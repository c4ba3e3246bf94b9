"use server";

import { unsubscribe } from "@/lib/alerts/preferences";
import { toFailure, type ActionResult } from "@/lib/platform/errors";

/** The unsubscribe page's button: no sign-in, the token is the authority. */
export async function unsubscribeAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const outcome = await unsubscribe(form.get("token"));
    return {
      ok: true,
      data: undefined,
      message:
        outcome.scope === "ALL"
          ? "Done: we will not e-mail you alerts any more. You can turn them back on from Alerts on your account page."
          : `Done: we will not e-mail you about ${outcome.label} any more. It stays in What's new on your account page.`,
    };
  } catch (error) {
    return toFailure(error);
  }
}
