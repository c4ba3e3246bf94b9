"use server";

import { AuthError } from "next-auth";
import { signIn, SignInRateLimited } from "@/lib/accounts/auth";
import { requestPasswordReset, resetPassword, signUp } from "@/lib/accounts/sign-up";
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

export async function signUpAction(_prev: FormState | null, form: FormData): Promise<FormState> {
  const input = { name: text(form, "name"), email: text(form, "email"), password: text(form, "password") };
  const values = { name: input.name, email: input.email };
  try {
    await consumeLimit("signup", await clientAddress());
    await signUp(input);
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/account?welcome=1" });
  } catch (error) {
    return { ...toFailure(error), values };
  }
  return { ok: true, data: undefined };
}

export async function forgotPasswordAction(_prev: FormState | null, form: FormData): Promise<FormState> {
  const values = { email: text(form, "email") };
  try {
    await consumeLimit("password-reset", await clientAddress());
    await requestPasswordReset({ email: values.email });
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
