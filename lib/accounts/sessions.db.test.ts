import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { changeRole, suspendMember } from "./admin";
import { endAllSessions, getActorById, type Actor } from "./authz";
import { deleteAccount } from "./my-data";
import { db } from "../platform/db";
import type { Role } from "../generated/prisma/enums";

const uid = () => randomBytes(5).toString("hex");

async function makeUser(role: Role = "USER"): Promise<Actor> {
  return db.user.create({
    data: { email: `${uid()}@example.com`, name: `User ${uid()}`, role, emailVerified: new Date() },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

const versionOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

/** Each way of ending sessions: the version a cookie carried before no longer finds the actor. */
test.each([
  ["sign out of all devices", async (member: Actor) => endAllSessions(member.id)],
  ["suspension", async (member: Actor, admin: Actor) => suspendMember(admin, member.id, "Spam reports, three warnings")],
  ["role change", async (member: Actor, admin: Actor) => changeRole(admin, member.id, "MODERATOR", "Trusted long-time member")],
  ["account deletion", async (member: Actor) => deleteAccount(member, { confirmation: "DELETE" })],
])("%s ends every session", async (_name, end) => {
  const admin = await makeUser("ADMIN");
  const member = await makeUser();
  const before = await versionOf(member.id);
  expect(await getActorById(member.id, before)).not.toBeNull();
  await end(member, admin);
  expect(await versionOf(member.id)).toBe(before + 1);
  expect(await getActorById(member.id, before)).toBeNull();
});
