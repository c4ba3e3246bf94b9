import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { canManageOrganisation, getActorById, type Actor } from "../accounts/authz";
import { db } from "../platform/db";
import { isWatchingOrganisation } from "../watches/organisation-watch";
import { memberOrganisationParts, memberOrganisationView } from "./member-parts";

// What GET /api/me adds to an organisation's page everyone shares: read in one statement with the user, and
// held equal to the rules it restates (canManageOrganisation, isWatchingOrganisation) for every kind of member.

const suffix = () => randomBytes(4).toString("hex");

async function organisation() {
  const slug = `parts-org-${suffix()}`;
  return db.organisation.create({ data: { slug, name: `Org ${slug}`, category: "INSURER", country: "AU", domains: [`${slug}.example`], searchText: slug } });
}

type Kind = { role: "USER" | "MODERATOR" | "ADMIN"; suspended: boolean; representative: "ACTIVE" | "PENDING" | "REVOKED" | null; watching: boolean };

const kinds: Kind[] = (["USER", "MODERATOR", "ADMIN"] as const).flatMap((role) =>
  [false, true].flatMap((suspended) =>
    (["ACTIVE", "PENDING", "REVOKED", null] as const).flatMap((representative) => [false, true].map((watching) => ({ role, suspended, representative, watching }))),
  ),
);

test(`manages and watching equal canManageOrganisation and isWatchingOrganisation for all ${kinds.length} kinds of member`, async () => {
  const [org, other] = await Promise.all([organisation(), organisation()]);
  const seen = new Set<string>();
  for (const kind of kinds) {
    const user = await db.user.create({
      data: { email: `parts-${suffix()}@example.com`, name: `Parts ${suffix()}`, role: kind.role, emailVerified: new Date(), suspendedAt: kind.suspended ? new Date() : null },
    });
    if (kind.representative) {
      await db.organisationRepresentative.create({
        data: { userId: user.id, organisationId: org.id, email: user.email, status: kind.representative, method: "MODERATOR", confirmedAt: kind.representative === "PENDING" ? null : new Date() },
      });
    }
    if (kind.watching) await db.organisationWatch.create({ data: { userId: user.id, organisationId: org.id } });
    const actor = (await getActorById(user.id)) as Actor;
    for (const organisationId of [org.id, other.id, "no-such-organisation"]) {
      const expected = { watching: await isWatchingOrganisation(user.id, organisationId), manages: await canManageOrganisation(actor, organisationId) };
      const view = await memberOrganisationView(user.id, user.sessionVersion, organisationId);
      expect(view, JSON.stringify(kind)).not.toBeNull();
      expect(view!.actor, JSON.stringify(kind)).toEqual(actor);
      // Staff's view also carries the report texts only staff read (app/api/me/route.db.test.ts checks them).
      const { staff, ...parts } = view!.parts;
      expect(parts, `${JSON.stringify(kind)} on ${organisationId === org.id ? "their organisation" : "another"}`).toEqual(expected);
      expect(staff !== undefined, JSON.stringify(kind)).toBe(kind.role !== "USER");
      expect(await memberOrganisationParts(actor, organisationId)).toEqual(expected);
      seen.add(`manages:${expected.manages}`).add(`watching:${expected.watching}`);
    }
  }
  // The matrix holds both answers of each part, so a rule that always answered one way would fail.
  expect([...seen].sort()).toEqual(["manages:false", "manages:true", "watching:false", "watching:true"]);
});

test("an ended session or a deleted account: no view", async () => {
  const org = await organisation();
  const user = await db.user.create({ data: { email: `parts-${suffix()}@example.com`, name: "Ended", emailVerified: new Date() } });
  expect(await memberOrganisationView(user.id, user.sessionVersion, org.id)).not.toBeNull();
  expect(await memberOrganisationView(user.id, user.sessionVersion + 1, org.id)).toBeNull();
  await db.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
  expect(await memberOrganisationView(user.id, undefined, org.id)).toBeNull();
  expect(await memberOrganisationView("no-such-user", undefined, org.id)).toBeNull();
});
