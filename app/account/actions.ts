"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changePassword, sendConfirmation } from "@/lib/accounts/sign-up";
import { deleteAccount } from "@/lib/accounts/my-data";
import { signIn, signOut } from "@/lib/accounts/auth";
import { clearMemberHint } from "@/lib/accounts/member-hint-cookie";
import { serverAction } from "@/lib/accounts/action";
import { assertCanWrite, endAllSessions } from "@/lib/accounts/authz";
import type { ActionResult } from "@/lib/platform/errors";
import { single, text } from "@/lib/platform/form-fields";
import { consumeLimit } from "@/lib/platform/rate-limit";
import { unwatchNumber, watchNumber } from "@/lib/watches/watch";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";

export const resendConfirmationAction = serverAction({}, async (_form, { actor }): Promise<ActionResult> => {
  assertCanWrite(actor);
  if (actor.emailVerified) return { ok: true, data: undefined, message: "Your e-mail is already confirmed." };
  await consumeLimit("password-reset", `confirm:${actor.id}`);
  await sendConfirmation(actor.id, actor.email);
  return { ok: true, data: undefined, message: "We have sent you a new confirmation link." };
});

export type WatchState = ActionResult<{ watching: boolean }>;

/** Watches or stops watching the form's number (`watch` is "1" or "0"). */
export const toggleWatchAction = serverAction({}, async (form, { actor }): Promise<WatchState> => {
  assertCanWrite(actor);
  const input = { e164: single(form.e164) };
  const outcome = single(form.watch) === "1" ? await watchNumber(actor, input) : await unwatchNumber(actor, input);
  revalidatePath("/numbers/[number]", "page");
  revalidatePath("/account");
  return {
    ok: true,
    data: { watching: outcome.watching },
    message: outcome.watching ? "You are watching this number. It is listed on your account page." : "You no longer watch this number.",
  };
});

export type DeleteState = ActionResult & { values?: { confirmation: string } };

export const deleteAccountAction = serverAction(
  {},
  async (form, { actor }): Promise<DeleteState> => {
    assertCanWrite(actor);
    await deleteAccount(actor, { confirmation: text(form.confirmation) });
    // The session cookie goes too; getActor already returns null for a deleted account.
    await clearMemberHint();
    await signOut({ redirectTo: "/account/deleted" });
    return { ok: true, data: undefined };
  },
  (failure, form) => ({ ...failure, values: { confirmation: text(form.confirmation) } }),
);

/** Ends every session of this account, on every device, this one included. Suspended members may too. */
export const signOutEverywhereAction = serverAction({}, async (_form, { actor }): Promise<ActionResult> => {
  if (!actor) return { ok: false, error: "You are already signed out.", code: "UNAUTHENTICATED" };
  await endAllSessions(actor.id);
  await clearMemberHint();
  await signOut({ redirectTo: "/signin?reason=signed-out-everywhere" });
  return { ok: true, data: undefined };
});

export type CreateKeyState = ActionResult<{ name: string; key: string }> & { values?: { name: string } };

/** Creates an API key; the key itself is in the answer only (never stored or shown again). */
export const createApiKeyAction = serverAction(
  {},
  async (form, { actor }): Promise<CreateKeyState> => {
    const created = await createApiKey(actor, { name: single(form.name), organisationId: single(form.organisationId) });
    revalidatePath("/account");
    return { ok: true, data: { name: created.name, key: created.key }, message: "Copy your key now: it will not be shown again." };
  },
  (failure, form) => ({ ...failure, values: { name: text(form.name) } }),
);

export const revokeApiKeyAction = serverAction({}, async (form, { actor }): Promise<ActionResult> => {
  await revokeApiKey(actor, { id: single(form.id) });
  revalidatePath("/account");
  return { ok: true, data: undefined, message: "Key revoked: requests with it are now refused." };
});

/**
 * Changes the password (the current one first). Every session ends with it, this one too, so this browser is
 * signed in again with the new password: the member stays signed in here and nowhere else.
 */
export const changePasswordAction = serverAction({}, async (form, { actor }): Promise<ActionResult> => {
  const password = text(form.password);
  await changePassword(actor, { current: text(form.current), password });
  let signedIn = true;
  try {
    await signIn("credentials", { email: actor!.email, password, redirect: false });
  } catch {
    signedIn = false;
  }
  // A redirect, not a re-render of this page: this request still carries the cookie the change just ended, and
  // the page read with it would send the member to sign in. The next request carries the new cookie.
  redirect(signedIn ? "/account?password=changed#password" : "/signin?callbackUrl=/account");
});
