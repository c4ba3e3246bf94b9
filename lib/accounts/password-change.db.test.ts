import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { db } from "../platform/db";
import { getActorById, type Actor } from "./authz";
import { hashPassword, verifyPassword } from "./password";
import { changePassword } from "./sign-up";

// Changing one's password while signed in (issue 13: the session version is "bumped on sign-out-everywhere,
// password change or reset").

const OLD = "an old but decent passphrase";

async function member(options: { password?: string | null } = {}): Promise<Actor & { sessionVersion: number }> {
  const password = options.password === undefined ? OLD : options.password;
  return db.user.create({
    data: { email: `pc-${randomBytes(5).toString("hex")}@example.com`, name: "Password Changer", emailVerified: new Date(), passwordHash: password ? await hashPassword(password) : null },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true, sessionVersion: true },
  });
}

const hashOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash!;

test("the current password first; then the new one is set, every session ends and outstanding reset links die", async () => {
  const user = await member();
  await db.authToken.create({ data: { userId: user.id, purpose: "RESET_PASSWORD", tokenHash: `h${randomBytes(8).toString("hex")}`, expiresAt: new Date(Date.now() + 3_600_000) } });
  await changePassword(user, { current: OLD, password: "a brand new passphrase" });
  expect(await verifyPassword(await hashOf(user.id), "a brand new passphrase")).toBe(true);
  expect(await verifyPassword(await hashOf(user.id), OLD)).toBe(false);
  // The cookie issued under the old version no longer finds the member.
  expect(await getActorById(user.id, user.sessionVersion)).toBeNull();
  expect(await getActorById(user.id, user.sessionVersion + 1)).not.toBeNull();
  expect(await db.authToken.count({ where: { userId: user.id, purpose: "RESET_PASSWORD", usedAt: null } })).toBe(0);
});

test("refused with a clear message, and nothing changes: wrong current password, weak or unchanged new one, no password at all, a visitor", async () => {
  const user = await member();
  const before = await hashOf(user.id);
  await expect(changePassword(user, { current: "not it at all", password: "a brand new passphrase" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { current: ["That is not your current password."] } });
  await expect(changePassword(user, { current: OLD, password: "1234567890" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { password: [expect.any(String)] } });
  await expect(changePassword(user, { current: OLD, password: "short" })).rejects.toMatchObject({ code: "INVALID" });
  await expect(changePassword(user, { current: OLD, password: OLD })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { password: ["Choose a password different from your current one."] } });
  await expect(changePassword(user, { current: "", password: "a brand new passphrase" })).rejects.toMatchObject({ code: "INVALID" });
  await expect(changePassword(null, { current: OLD, password: "a brand new passphrase" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  expect(await hashOf(user.id)).toBe(before);
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } })).sessionVersion).toBe(user.sessionVersion);

  const oauth = await member({ password: null });
  await expect(changePassword(oauth, { current: "anything", password: "a brand new passphrase" })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("no password here") });
});

test("guessing the current password is limited per account", async () => {
  const user = await member();
  const codes: string[] = [];
  for (let i = 0; i < 7; i++) codes.push(await changePassword(user, { current: `guess number ${i}`, password: "a brand new passphrase" }).then(() => "OK", (error: { code: string }) => error.code));
  expect(codes.slice(0, 5)).toEqual(Array(5).fill("INVALID"));
  expect(codes.slice(5)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
  // Even the right password waits out the limit.
  await expect(changePassword(user, { current: OLD, password: "a brand new passphrase" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
});
