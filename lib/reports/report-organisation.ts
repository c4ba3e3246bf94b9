import "server-only";
// The organisation a report names (followed through merges) or proposes (one organisation per name, however
// many reports propose it at once).
import { randomBytes } from "node:crypto";
import type { Actor } from "../accounts/authz";
import { organisationSearchText, slugify } from "../organisations/slug";
import { db, type Tx } from "../platform/db";
import { AppError, FIELDS_MESSAGE } from "../platform/errors";

/** An organisation as a report names it. */
export type OrgRef = { id: string; slug: string; name: string; status: "PROPOSED" | "ACTIVE" | "MERGED" };

const orgSelect = { id: true, slug: true, name: true, status: true, mergedIntoId: true } as const;

/** A proposed organisation, created in the report's transaction unless one of the same name exists. */
export async function proposeOrganisation(tx: Tx, actor: Actor, proposal: { name: string; website?: string }): Promise<OrgRef> {
  // One organisation per name, however many reports propose it at once: proposals of one name queue
  // on a transaction lock, and each re-checks once the one before it has committed.
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`organisation-name:${proposal.name.toLowerCase()}`}))) AS held`;
  const existing = await tx.organisation.findFirst({
    where: { name: { equals: proposal.name, mode: "insensitive" }, status: { in: ["ACTIVE", "PROPOSED"] } },
    orderBy: { status: "asc" },
    select: orgSelect,
  });
  if (existing) return { id: existing.id, slug: existing.slug, name: existing.name, status: existing.status };
  const base = slugify(proposal.name);
  const taken = await tx.organisation.findUnique({ where: { slug: base }, select: { id: true } });
  const slug = taken ? `${base.slice(0, 72)}-${randomBytes(3).toString("hex")}` : base;
  const host = proposal.website ? new URL(proposal.website).hostname.replace(/^www\./, "") : null;
  const domains = host ? [host] : [];
  return tx.organisation.create({
    data: {
      slug,
      name: proposal.name,
      website: proposal.website ?? null,
      domains,
      status: "PROPOSED",
      proposedById: actor.id,
      searchText: organisationSearchText({ name: proposal.name, domains }),
    },
    select: { id: true, slug: true, name: true, status: true },
  });
}

/** The organisation a report names; a merged one is followed to where it now lives. */
export async function resolveOrganisation(id: string): Promise<OrgRef> {
  let org = await db.organisation.findUnique({ where: { id }, select: orgSelect });
  for (let hops = 0; org?.status === "MERGED" && org.mergedIntoId && hops < 5; hops++) {
    org = await db.organisation.findUnique({ where: { id: org.mergedIntoId }, select: orgSelect });
  }
  if (!org || org.status === "MERGED") {
    throw new AppError("INVALID", FIELDS_MESSAGE, {
      organisationId: ["We could not find that organisation. Choose it again from the suggestions."],
    });
  }
  return { id: org.id, slug: org.slug, name: org.name, status: org.status };
}

/** Proposing a name that already exists (active or proposed) links to it instead of duplicating it. */
export async function findSameName(name: string): Promise<OrgRef | null> {
  const org = await db.organisation.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, status: { in: ["ACTIVE", "PROPOSED"] } },
    orderBy: { status: "asc" },
    select: orgSelect,
  });
  return org ? { id: org.id, slug: org.slug, name: org.name, status: org.status } : null;
}
