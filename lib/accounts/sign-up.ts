import "server-only";
import { refreshTrustLevels } from "../trust/legitimacy";
import { db } from "../platform/db";
import { env } from "../platform/env";
import { AppError, isUniqueViolation, parseOrThrow } from "../platform/errors";
import { sendMail } from "../platform/mail";
import { hashPassword } from "./password";
import { consumeLimit } from "../platform/rate-limit";
import { consumeToken, issueToken } from "./tokens";
import { forgotPasswordSchema, resetPasswordSchema, signUpSchema } from "./schema";

const CONFIRM_TTL_MINUTES = 60 * 48;
const RESET_TTL_MINUTES = 60;

export async function signUp(input: unknown): Promise<{ id: string; email: string }> {
  const data = parseOrThrow(signUpSchema, input);
  const passwordHash = await hashPassword(data.password);
  let user: { id: string; email: string };
  try {
    user = await db.user.create({
      data: { name: data.name, email: data.email, passwordHash },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "An account with this e-mail already exists.", {
        email: ["An account with this e-mail already exists. Sign in, or reset your password."],
      });
    }
    throw error;
  }
  await sendConfirmation(user.id, user.email);
  return user;
}

export async function sendConfirmation(userId: string, email: string): Promise<void> {
  const token = await issueToken(userId, "CONFIRM_EMAIL", CONFIRM_TTL_MINUTES);
  await sendMail({
    to: email,
    subject: "Confirm your CallerCheck e-mail address",
    text: `Welcome to CallerCheck.\n\nConfirm your e-mail address by opening this link within 48 hours:\n${env.APP_URL}/confirm-email?token=${token}\n\nUntil you do, your votes count as a new member's.`,
  });
}

export async function confirmEmail(token: string): Promise<boolean> {
  const userId = await consumeToken(token, "CONFIRM_EMAIL");
  if (!userId) return false;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { emailVerified: new Date() } });
    await refreshTrustLevels(tx, [userId]);
  });
  return true;
}

/** Always resolves the same way, so the form never reveals whether an e-mail has an account. */
export async function requestPasswordReset(input: unknown): Promise<void> {
  const { email } = parseOrThrow(forgotPasswordSchema, input);
  // Per e-mail as well as per address (the action's): nobody can flood one inbox from many addresses.
  // Counted whether or not the account exists, so the limit reveals nothing either.
  await consumeLimit("password-reset", `email:${email}`, "Several reset links were sent to this address recently");
  const user = await db.user.findUnique({ where: { email }, select: { id: true, deletedAt: true } });
  if (!user || user.deletedAt) return;
  const token = await issueToken(user.id, "RESET_PASSWORD", RESET_TTL_MINUTES);
  await sendMail({
    to: email,
    subject: "Reset your CallerCheck password",
    text: `Someone asked to reset the password for this e-mail address on CallerCheck.\n\nChoose a new password within one hour:\n${env.APP_URL}/reset-password?token=${token}\n\nIf it was not you, ignore this message; your password stays as it is.`,
  });
}

export async function resetPassword(input: unknown): Promise<void> {
  const data = parseOrThrow(resetPasswordSchema, input);
  const userId = await consumeToken(data.token, "RESET_PASSWORD");
  if (!userId) throw new AppError("INVALID", "This reset link has expired or was already used. Ask for a new one.");
  // Opening the e-mailed link also proves the address.
  const passwordHash = await hashPassword(data.password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, emailVerified: new Date() } });
    await refreshTrustLevels(tx, [userId]);
  });
}
