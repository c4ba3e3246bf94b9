import { describe, expect, test } from "vitest";
import { confirmEmail, requestPasswordReset, resetPassword, signUp } from "./sign-up";
import { db } from "../platform/db";
import { AppError } from "../platform/errors";
import { verifyPassword } from "./password";
import { getActorById } from "./authz";
import { LIMITS } from "../platform/rate-limit";

async function signUpUser(input: { name: string; email: string; password: string }) {
  await signUp(input);
  return db.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true, email: true } });
}

const tokenFrom = (text: string) => /token=([\w-]+)/.exec(text)?.[1] ?? "";

async function expectInvalid(input: Record<string, string>, field: string) {
  const before = await db.user.count();
  const error = await signUp(input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).fieldErrors?.[field]?.[0]).toBeTruthy();
  expect(await db.user.count()).toBe(before);
}

describe("sign-up validation", () => {
  const valid = { name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" };

  test.each([
    ["email", ""],
    ["email", "not-an-email"],
    ["email", "a@b"],
    ["email", `${"x".repeat(250)}@example.com`],
    ["password", ""],
    ["password", "short"],
    ["password", "123456789"],
    ["name", ""],
    ["name", "A"],
    ["name", "x".repeat(51)],
    ["name", "<script>"],
  ])("%s = %j is refused with a field message and creates no user", async (field, value) => {
    await expectInvalid({ ...valid, [field]: value }, field);
  });

  test.each(["1234567890", "password12", "aaaaaaaaaa"])("the common password %j is refused with a clear message", async (password) => {
    await expectInvalid({ ...valid, password }, "password");
    const error = (await signUp({ ...valid, password }).catch((e: unknown) => e)) as AppError;
    expect(error.fieldErrors?.password?.[0]).toMatch(/common or breached|repeated or consecutive/);
  });

  test("a taken e-mail (in any case) answers like a new one and e-mails its owner instead", async () => {
    const first = await signUp({ ...valid, email: "taken@example.com" });
    const second = await signUp({ ...valid, email: "TAKEN@example.com", password: "a different passphrase" });
    expect(second).toEqual(first);
    expect(await db.user.count({ where: { email: "taken@example.com" } })).toBe(1);
    const mails = await db.outboxEmail.findMany({ where: { to: "taken@example.com" }, orderBy: { createdAt: "asc" }, select: { subject: true } });
    expect(mails.map((mail) => mail.subject)).toEqual([expect.stringMatching(/Confirm/), expect.stringMatching(/tried to create/)]);
  });
});

describe("e-mail confirmation and password reset", () => {
  test("the confirmation link works once", async () => {
    const user = await signUpUser({ name: "Grace", email: "grace@example.com", password: "a long enough password" });
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: user.email }, orderBy: { createdAt: "desc" } });
    const token = tokenFrom(mail.text);
    expect(await confirmEmail(token)).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBeInstanceOf(Date);
    expect(await confirmEmail(token)).toBe(false);
    expect(await confirmEmail("forged-token-value")).toBe(false);
  });

  test("a reset link sets a new password once; unknown e-mails send nothing", async () => {
    const user = await signUpUser({ name: "Linus", email: "linus@example.com", password: "first password here" });
    await requestPasswordReset({ email: "nobody@example.com" });
    expect(await db.outboxEmail.count({ where: { to: "nobody@example.com" } })).toBe(0);
    await requestPasswordReset({ email: "LINUS@example.com" });
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: user.email, subject: { contains: "Reset" } } });
    const token = tokenFrom(mail.text);
    await resetPassword({ token, password: "second password here" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(row.passwordHash!, "second password here")).toBe(true);
    await expect(resetPassword({ token, password: "third password here" })).rejects.toThrow(/expired or was already used/);
  });

  test("a reset ends every session and every other outstanding reset link", async () => {
    const user = await signUpUser({ name: "Many Links", email: "many-links@example.com", password: "first password here" });
    await requestPasswordReset({ email: user.email });
    await requestPasswordReset({ email: user.email });
    const mails = await db.outboxEmail.findMany({ where: { to: user.email, subject: { contains: "Reset" } }, orderBy: { createdAt: "asc" } });
    const [older, newer] = mails.map((mail) => tokenFrom(mail.text));
    const before = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    expect(await getActorById(user.id, before)).not.toBeNull();
    await resetPassword({ token: newer, password: "second password here" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(before + 1);
    expect(await getActorById(user.id, before)).toBeNull();
    await expect(resetPassword({ token: older, password: "third password here" })).rejects.toThrow(/expired or was already used/);
  });

  test("a reset refuses a common password and keeps the link usable", async () => {
    const user = await signUpUser({ name: "Weak Reset", email: "weak-reset@example.com", password: "first password here" });
    await requestPasswordReset({ email: user.email });
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: user.email, subject: { contains: "Reset" } } });
    await expect(resetPassword({ token: tokenFrom(mail.text), password: "password12" })).rejects.toMatchObject({ code: "INVALID" });
    await resetPassword({ token: tokenFrom(mail.text), password: "second password here" });
  });

  test("an expired reset link is refused", async () => {
    const user = await signUpUser({ name: "Expired", email: "expired@example.com", password: "first password here" });
    await requestPasswordReset({ email: user.email });
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: user.email, subject: { contains: "Reset" } } });
    await db.authToken.updateMany({ where: { userId: user.id, purpose: "RESET_PASSWORD" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(resetPassword({ token: tokenFrom(mail.text), password: "second password here" })).rejects.toThrow(AppError);
  });

  test("reset links to one e-mail are limited whichever address asks, and unknown e-mails are limited alike", async () => {
    const user = await signUpUser({ name: "Ada", email: "ada-reset@example.com", password: "first password here" });
    for (const email of [user.email, "nobody-reset@example.com"]) {
      for (let i = 0; i < LIMITS["password-reset"].points; i++) await requestPasswordReset({ email });
      await expect(requestPasswordReset({ email: email.toUpperCase() })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    }
    expect(await db.outboxEmail.count({ where: { to: user.email, subject: { contains: "Reset" } } })).toBe(LIMITS["password-reset"].points);
  });
});
