"use server";

import { sendConfirmation } from "@/lib/accounts";
import { requireUser } from "@/lib/authz";
import { toFailure, type ActionResult } from "@/lib/errors";
import { consumeLimit } from "@/lib/rate-limit";

export async function resendConfirmationAction(): Promise<ActionResult> {
  try {
    const actor = await requireUser();
    if (actor.emailVerified) return { ok: true, data: undefined, message: "Your e-mail is already confirmed." };
    await consumeLimit("password-reset", `confirm:${actor.id}`);
    await sendConfirmation(actor.id, actor.email);
    return { ok: true, data: undefined, message: "We have sent you a new confirmation link." };
  } catch (error) {
    return toFailure(error);
  }
}
