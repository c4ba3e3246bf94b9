import { expect, test } from "vitest";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db } from "./db";

async function makeUser(email: string, suspended = false) {
  return db.user.create({
    data: { email, name: email.split("@")[0], suspendedAt: suspended ? new Date() : null },
    select: { id: true, name: true, email: true, role: true, createdAt: true, emailVerified: true, suspendedAt: true },
  });
}

test("the database allows one vote per member per claim", async () => {
  const user = await makeUser("voter@example.com");
  await db.phoneNumber.create({ data: { e164: "+61491570006", type: "MOBILE", country: "AU" } });
  const claim = await db.claim.create({ data: { e164: "+61491570006", organisationKey: "-" } });
  await db.vote.create({ data: { claimId: claim.id, userId: user.id, legitimate: true } });
  await expect(db.vote.create({ data: { claimId: claim.id, userId: user.id, legitimate: false } })).rejects.toMatchObject({ code: "P2002" });
  expect(await db.vote.count({ where: { claimId: claim.id } })).toBe(1);
});

test("one organisation-less claim per number, even though its organisation is NULL", async () => {
  await db.phoneNumber.create({ data: { e164: "+61491570110", type: "MOBILE", country: "AU" } });
  await db.claim.create({ data: { e164: "+61491570110", organisationKey: "-" } });
  await expect(db.claim.create({ data: { e164: "+61491570110", organisationKey: "-" } })).rejects.toMatchObject({ code: "P2002" });
});

test("a suspended member cannot write", async () => {
  const suspended: Actor = await makeUser("suspended@example.com", true);
  expect(() => assertCanWrite(suspended)).toThrow(/suspended/);
  expect(() => assertCanWrite(null)).toThrow(/Sign in/);
  const active: Actor = await makeUser("active@example.com");
  expect(() => assertCanWrite(active)).not.toThrow();
});

test("the audit log is append-only in the database itself", async () => {
  const actor = await makeUser("mod@example.com");
  const entry = await db.auditEntry.create({ data: { actorId: actor.id, action: "test.action", targetType: "User", targetId: actor.id } });
  await expect(db.auditEntry.update({ where: { id: entry.id }, data: { reason: "rewritten" } })).rejects.toThrow(/append-only/);
  await expect(db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
  expect(await db.auditEntry.count()).toBe(1);
});
