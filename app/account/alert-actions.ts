"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/accounts/authz";
import { setAlertsPaused, setWatchAlertMode } from "@/lib/alerts/preferences";
import { ALERT_MODE_LABELS } from "@/lib/alerts/kinds";
import { toFailure, type ActionResult } from "@/lib/platform/errors";

export async function setWatchAlertModeAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await requireUser();
    const { mode } = await setWatchAlertMode(actor, { watchKey: form.get("watchKey"), mode: form.get("mode") });
    revalidatePath("/account");
    return { ok: true, data: undefined, message: `Saved: ${ALERT_MODE_LABELS[mode]}.` };
  } catch (error) {
    return toFailure(error);
  }
}

export async function setAlertsPausedAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await requireUser();
    const { paused } = await setAlertsPaused(actor, { paused: form.get("paused") });
    revalidatePath("/account");
    return { ok: true, data: undefined, message: paused ? "All alert e-mail is paused. What's new still fills up here." : "Alert e-mail is on again." };
  } catch (error) {
    return toFailure(error);
  }
}
