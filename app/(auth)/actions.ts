"use server";

import { AuthError } from "next-auth";
import { signIn, SignInRateLimited } from "@/lib/accounts/auth";
import { after } from "next/server";
import { serverAction } from "@/lib/accounts/action";
import { parseSignUp, registerAccount, resetPassword, sendPasswordReset, spendPasswordResetLimit } from "@/lib/accounts/sign-up";
import { signInSchema } from "@/lib/accounts/schema";
import { invalid, type ActionResult } from "@/lib/platform/errors";
import { text, type FormObject } from "@/lib/platform/form-fields";
import { consumeLimit } from "@/lib/platform/rate-limit";
import { log } from "@/lib/platform/log";
import { safeCallbackUrl } from "@/lib/accounts/safe-redirect";

export type FormState = ActionResult<undefined> & { values?: Record<string, string> };

/** What the form shows again after a failure (never the password). */
const keep = (...keys: string[]) => (failure: FormState, form: FormObject): FormState => ({ ...failure, values: Object.fromEntries(keys.map((key) => [key, text(form[key])])) });

export const signInAction = serverAction(
  {},
  async (form): Promise<FormState> => {
    const credentials = parseSignIn(form);
    try {
      // The attempt is counted inside authorize (lib/accounts/auth.ts), whichever way the credentials arrive.
      await signIn("credentials", { ...credentials, redirectTo: safeCallbackUrl(form.callbackUrl) });
    } catch (error) {
      if (error instanceof SignInRateLimited) return { ok: false, error: error.userMessage, code: "RATE_LIMITED", values: { email: text(form.email) } };
      // Wrong e-mail and wrong password read the same, so the form never reveals who has an account.
      if (error instanceof AuthError) return { ok: false, error: "The e-mail or password is incorrect.", values: { email: text(form.email) } };
      throw error;
    }
    return { ok: true, data: undefined };
  },
  keep("email"),
);

/** Missing fields read as empty, so they get the schema's "enter your …" messages. */
function parseSignIn(form: FormObject) {
  const parsed = signInSchema.safeParse({ email: text(form.email), password: text(form.password) });
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** Runs after the reply has gone, so a known and an unknown e-mail answer alike and in the same time. */
function afterReply(work: () => Promise<void>) {
  // Only the error's name: what failed may carry the e-mail address the reply must not reveal.
  after(() => work().catch((error: unknown) => log.error({ component: "accounts", error: error instanceof Error ? error.name : "error" }, "background account work failed")));
}

export const signUpAction = serverAction(
  {},
  async (form, { address }): Promise<FormState> => {
    const data = parseSignUp({ name: text(form.name), email: text(form.email), password: text(form.password) });
    await consumeLimit("signup", `address:${address}`, "Too many accounts were created from your network");
    await consumeLimit("signup-email", `email:${data.email}`, "Several sign-ups used this e-mail recently");
    afterReply(() => registerAccount(data));
    return {
      ok: true,
      data: undefined,
      message: `Check your inbox: we have sent a message to ${data.email}. Open the link in it to confirm your address, then sign in. If the e-mail already has an account, the message says how to sign in instead.`,
    };
  },
  keep("name", "email"),
);

export const forgotPasswordAction = serverAction(
  {},
  async (form, { address }): Promise<FormState> => {
    await consumeLimit("password-reset", `address:${address}`, "Too many reset links were asked for from your network");
    const email = await spendPasswordResetLimit({ email: text(form.email) });
    afterReply(() => sendPasswordReset(email));
    return { ok: true, data: undefined, message: "If an account uses that e-mail, we have sent it a link to choose a new password. It works for one hour." };
  },
  keep("email"),
);

export const resetPasswordAction = serverAction({}, async (form): Promise<FormState> => {
  await resetPassword({ token: text(form.token), password: text(form.password) });
  return { ok: true, data: undefined, message: "Your password has been changed. You can sign in with it now." };
});
