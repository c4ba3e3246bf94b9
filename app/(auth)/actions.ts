"use server";

import { AuthError } from "next-auth";
import { signIn, SignInRateLimited } from "@/lib/accounts/auth";
import { after } from "next/server";
import { parseSignUp, registerAccount, resetPassword, sendPasswordReset, spendPasswordResetLimit } from "@/lib/accounts/sign-up";
import { signInSchema } from "@/lib/accounts/schema";
import { invalid, toFailure, type ActionResult } from "@/lib/platform/errors";
import { consumeLimit, clientAddress } from "@/lib/platform/rate-limit";
import { safeCallbackUrl } from "@/lib/accounts/safe-redirect";

export type FormState = ActionResult<undefined> & { values?: Record<string, string> };

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function signInAction(_prev: FormState | null, form: FormData): Promise<FormState> {
  const values = { email: text(form, "email") };
  const parsed = signInSchema.safeParse({ email: text(form, "email"), password: text(form, "password") });
  if (!parsed.success) {
    return { ...toFailure(invalid(parsed.error)), values };
  }
  try {
    // The attempt is counted inside authorize (lib/accounts/auth.ts), whichever way the credentials arrive.
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
  } catch (error) {
    if (error instanceof SignInRateLimited) return { ok: false, error: error.userMessage, code: "RATE_LIMITED", values };
    // Wrong e-mail and wrong password read the same, so the form never reveals who has an account.
    if (error instanceof AuthError) return { ok: false, error: "The e-mail or password is incorrect.", values };
    return { ...toFailure(error), values };
  }
  return { ok: true, data: undefined };
}

/** Runs after the reply has gone, so a known and an unknown e-mail answer alike and in the same time. */
function afterReply(work: () => Promise<void>) {
  after(() => work().catch((error: unknown) => console.error("[accounts] background work failed:", error instanceof Error ? error.name : "error")));
}

export async function signUpAction(_prev: FormState | null, form: FormData): Promise<FormState> {
  const input = { name: text(form, "name"), email: text(form, "email"), password: text(form, "password") };
  const values = { name: input.name, email: input.email };
  try {
    const data = parseSignUp(input);
    await consumeLimit("signup", `address:${await clientAddress()}`, "Too many accounts were created from your network");
    await consumeLimit("signup-email", `email:${data.email}`, "Several sign-ups used this e-mail recently");
    afterReply(() => registerAccount(data));
    return {
      ok: true,
      data: undefined,
      message: `Check your inbox: we have sent a message to ${data.email}. Open the link in it to confirm your address, then sign in. If the e-mail already has an account, the message says how to sign in instead.`,
    };
  } catch (error) {
    return { ...toFailure(error), values };
  }
}

export async function forgotPasswordAction(_prev: FormState | null, form: FormData): Promise<FormState> {
  const values = { email: text(form, "email") };
  try {
    await consumeLimit("password-reset", `address:${await clientAddress()}`, "Too many reset links were asked for from your network");
    const email = await spendPasswordResetLimit({ email: values.email });
    afterReply(() => sendPasswordReset(email));
  } catch (error) {
    return { ...toFailure(error), values };
  }
  return { ok: true, data: undefined, message: "If an account uses that e-mail, we have sent it a link to choose a new password. It works for one hour." };
}

export async function resetPasswordAction(_prev: FormState | null, form: FormData): Promise<FormState> {
  try {
    await resetPassword({ token: text(form, "token"), password: text(form, "password") });
  } catch (error) {
    return toFailure(error);
  }
  return { ok: true, data: undefined, message: "Your password has been changed. You can sign in with it now." };
}
