"use server";

import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/accounts/action";
import { assertCanWrite } from "@/lib/accounts/authz";
import { setAlertsPaused, setWatchAlertMode } from "@/lib/alerts/preferences";
import { ALERT_MODE_LABELS } from "@/lib/alerts/kinds";
import type { ActionResult } from "@/lib/platform/errors";
import { single } from "@/lib/platform/form-fields";

export const setWatchAlertModeAction = serverAction({}, async (form, { actor }): Promise<ActionResult> => {
  assertCanWrite(actor);
  const { mode } = await setWatchAlertMode(actor, { watchKey: single(form.watchKey), mode: single(form.mode) });
  revalidatePath("/account");
  return { ok: true, data: undefined, message: `Saved: ${ALERT_MODE_LABELS[mode]}.` };
});

export const setAlertsPausedAction = serverAction({}, async (form, { actor }): Promise<ActionResult> => {
  assertCanWrite(actor);
  const { paused } = await setAlertsPaused(actor, { paused: single(form.paused) });
  revalidatePath("/account");
  return { ok: true, data: undefined, message: paused ? "All alert e-mail is paused. What's new still fills up here." : "Alert e-mail is on again." };
});
