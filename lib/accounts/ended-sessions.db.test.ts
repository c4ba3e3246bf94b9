import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { memberNumberView } from "../numbers/member-parts";
import { memberOrganisationView } from "../organisations/member-parts";
import { db } from "../platform/db";
import { getActorById } from "./authz";
import { endSession, newSessionId, sessionEnded } from "./sessions";

// Signing out ends that browser's session alone (issue 13: "a copied session cookie still writes after
// sign-out"): its id is refused by every read of the signed-in user; the member's other sessions go on.

async function member() {
  return db.user.create({ data: { email: `s-${randomBytes(5).toString("hex")}@example.com`, name: "Session Tester", emailVerified: new Date() }, select: { id: true, sessionVersion: true } });
}

test("an ended session is refused everywhere the user is read; another session of the same user is not", async () => {
  const user = await member();
  const laptop = newSessionId();
  const phone = newSessionId();
  expect(laptop).not.toBe(phone);
  expect(await getActorById(user.id, user.sessionVersion, laptop)).toMatchObject({ id: user.id });

  await endSession({ uid: user.id, sid: laptop, exp: Math.floor(Date.now() / 1000) + 3600 });
  expect(await sessionEnded(laptop)).toBe(true);
  expect(await getActorById(user.id, user.sessionVersion, laptop)).toBeNull();
  expect(await memberNumberView(user.id, user.sessionVersion, "+61491570159", { sid: laptop })).toBeNull();
  const org = await db.organisation.create({ data: { slug: `o-${randomBytes(4).toString("hex")}`, name: "Session Org", category: "BANK" }, select: { id: true } });
  expect(await memberOrganisationView(user.id, user.sessionVersion, org.id, { sid: laptop })).toBeNull();

  // The phone's session, and the account itself, go on.
  expect(await sessionEnded(phone)).toBe(false);
  expect(await getActorById(user.id, user.sessionVersion, phone)).toMatchObject({ id: user.id });
  expect(await memberNumberView(user.id, user.sessionVersion, "+61491570159", { sid: phone })).not.toBeNull();
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } })).sessionVersion).toBe(user.sessionVersion);
  // Signing out twice is harmless.
  await endSession({ uid: user.id, sid: laptop });
  expect(await db.endedSession.count({ where: { id: laptop } })).toBe(1);
});

test("a cookie from before sessions had ids ends every session of its user when signed out", async () => {
  const user = await member();
  await endSession({ uid: user.id });
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } })).sessionVersion).toBe(user.sessionVersion + 1);
  expect(await getActorById(user.id, user.sessionVersion)).toBeNull();
});

test("rows of sessions whose cookies have expired are dropped as others sign out", async () => {
  const user = await member();
  const old = newSessionId();
  await db.endedSession.create({ data: { id: old, userId: user.id, expiresAt: new Date(Date.now() - 60_000) } });
  await endSession({ uid: user.id, sid: newSessionId(), exp: Math.floor(Date.now() / 1000) + 3600 });
  expect(await db.endedSession.count({ where: { id: old } })).toBe(0);
});
