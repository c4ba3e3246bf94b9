import "server-only";
import { refreshTrustLevels } from "../trust/legitimacy";
import { db } from "../platform/db";
import { env } from "../platform/env";
import { AppError, isUniqueViolation, parseOrThrow } from "../platform/errors";
import { sendMail } from "../platform/mail";
import { hashPassword, verifyPassword } from "./password";
import { consumeLimit } from "../platform/rate-limit";
import { consumeToken, issueToken } from "./tokens";
import { weakPasswordReason } from "./password-policy";
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema, signUpSchema, type SignUpInput } from "./schema";
import type { Actor } from "./authz";

const CONFIRM_TTL_MINUTES = 60 * 48;
const RESET_TTL_MINUTES = 60;

/** Checks a sign-up form: field messages for bad input, and no password from the common list. */
export function parseSignUp(input: unknown): SignUpInput {
  const data = parseOrThrow(signUpSchema, input);
  const weak = weakPasswordReason(data.password, [data.name, data.email.split("@")[0]]);
  if (weak) throw new AppError("INVALID", weak, { password: [weak] });
  return data;
}

/**
 * Creates the account and e-mails a confirmation link — or, when the e-mail already has an account,
 * e-mails its owner instead. Either way the same work is done (one password hash, one message) and the
 * caller learns nothing: the form answers "check your inbox" for both (README "Security").
 */
export async function registerAccount(data: SignUpInput): Promise<void> {
  const passwordHash = await hashPassword(data.password);
  try {
    const user = await db.user.create({ data: { name: data.name, email: data.email, passwordHash }, select: { id: true, email: true } });
    await sendConfirmation(user.id, user.email);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await sendMail({
      to: data.email,
      subject: "Someone tried to create a CallerCheck account with your e-mail",
      text: `Someone, perhaps you, tried to create a CallerCheck account with this e-mail address, which already has one.\n\nSign in at ${env.APP_URL}/signin or, if you have forgotten your password, choose a new one at ${env.APP_URL}/forgot-password.\n\nIf it was not you, ignore this message; nothing has changed.`,
    });
  }
}

/** parseSignUp then registerAccount (the form runs the second after it has answered). */
export async function signUp(input: unknown): Promise<{ email: string }> {
  const data = parseSignUp(input);
  await registerAccount(data);
  return { email: data.email };
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

/** Per e-mail as well as per address (the action's): nobody can flood one inbox from many addresses.
 * Counted whether or not the account exists, so the limit reveals nothing either. */
export async function spendPasswordResetLimit(input: unknown): Promise<string> {
  const { email } = parseOrThrow(forgotPasswordSchema, input);
  await consumeLimit("password-reset", `email:${email}`, "Several reset links were sent to this address recently");
  return email;
}

/** E-mails a reset link when the e-mail has an account; nothing otherwise. The form has answered by then. */
export async function sendPasswordReset(email: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, deletedAt: true } });
  if (!user || user.deletedAt) return;
  const token = await issueToken(user.id, "RESET_PASSWORD", RESET_TTL_MINUTES);
  await sendMail({
    to: email,
    subject: "Reset your CallerCheck password",
    text: `Someone asked to reset the password for this e-mail address on CallerCheck.\n\nChoose a new password within one hour:\n${env.APP_URL}/reset-password?token=${token}\n\nIf it was not you, ignore this message; your password stays as it is.`,
  });
}

/** Always resolves the same way, so the form never reveals whether an e-mail has an account. */
export async function requestPasswordReset(input: unknown): Promise<void> {
  await sendPasswordReset(await spendPasswordResetLimit(input));
}

/**
 * Sets a new password from a reset link. The link is single-use, every other outstanding reset link
 * of the account stops working, and every session ends (sessionVersion).
 */
export async function resetPassword(input: unknown): Promise<void> {
  const data = parseOrThrow(resetPasswordSchema, input);
  const weak = weakPasswordReason(data.password);
  if (weak) throw new AppError("INVALID", weak, { password: [weak] });
  const userId = await consumeToken(data.token, "RESET_PASSWORD");
  if (!userId) throw new AppError("INVALID", "This reset link has expired or was already used. Ask for a new one.");
  const passwordHash = await hashPassword(data.password);
  const now = new Date();
  await db.$transaction(async (tx) => {
    // Opening the e-mailed link also proves the address; every other outstanding reset link dies with it.
    await tx.user.update({ where: { id: userId }, data: { passwordHash, emailVerified: now, sessionVersion: { increment: 1 } } });
    await tx.authToken.updateMany({ where: { userId, purpose: "RESET_PASSWORD", usedAt: null }, data: { usedAt: now } });
    await refreshTrustLevels(tx, [userId]);
  });
}

/**
 * Changes a signed-in member's password, given the current one. Like a reset, it ends every session
 * (sessionVersion: the caller signs this browser in again with the new password) and voids outstanding
 * reset links. Tries are limited per account (each checks a password), and a wrong current password
 * changes nothing.
 */
export async function changePassword(actor: Actor | null, input: unknown): Promise<void> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do that.");
  const data = parseOrThrow(changePasswordSchema, input);
  await consumeLimit("password-change", actor.id, "Too many tries at your current password");
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user?.passwordHash) throw new AppError("INVALID", "Your account signs in through another service, so it has no password here to change.");
  if (!(await verifyPassword(user.passwordHash, data.current))) {
    throw new AppError("INVALID", "That is not your current password.", { current: ["That is not your current password."] });
  }
  const weak = weakPasswordReason(data.password);
  if (weak) throw new AppError("INVALID", weak, { password: [weak] });
  if (data.password === data.current) {
    const same = "Choose a password different from your current one.";
    throw new AppError("INVALID", same, { password: [same] });
  }
  const passwordHash = await hashPassword(data.password);
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await tx.authToken.updateMany({ where: { userId: actor.id, purpose: "RESET_PASSWORD", usedAt: null }, data: { usedAt: now } });
  });
}

/** Whether the member signs in with a password here (not only through GitHub or Google): the account page offers to change it. */
export async function hasPassword(userId: string): Promise<boolean> {
  return Boolean((await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }))?.passwordHash);
}
