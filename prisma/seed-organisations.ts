import type { PrismaClient } from "../lib/generated/prisma/client";
import { organisationSearchText, slugify } from "../lib/organisations/slug";
import { readData } from "./seed-data";

type SourceOrg = {
  sourceId: string;
  name: string;
  acronym: string | null;
  country: "AU" | "US";
  website: string | null;
  description: string | null;
  phones: { e164: string; raw: string; kind: string | null; label: string | null }[];
  sourceUrl: string | null;
  credit: string;
};

/** USA.gov federal agencies and directory.gov.au enquiry lines, with their published numbers. */
export async function seedOrganisations(db: PrismaClient): Promise<string> {
  const orgs = JSON.parse(readData("organisations.json")) as SourceOrg[];
  const used = new Set((await db.organisation.findMany({ select: { slug: true } })).map((o) => o.slug));
  const rows = orgs.map((org) => {
    let slug = slugify(org.name);
    if (used.has(slug)) slug = `${slug}-${org.country.toLowerCase()}`;
    for (let i = 2; used.has(slug); i++) slug = `${slugify(org.name)}-${i}`;
    used.add(slug);
    // A TTY line is not where most people should call back.
    const callback = org.phones.find((p) => !/tty/i.test(`${p.kind} ${p.label}`)) ?? org.phones[0];
    const domains = org.website ? [new URL(org.website).hostname.replace(/^www\./, "")] : [];
    const aliases = org.acronym ? [org.acronym] : [];
    return {
      slug,
      name: org.name,
      acronym: org.acronym,
      aliases,
      domains,
      website: org.website,
      category: "GOVERNMENT" as const,
      country: org.country,
      description: org.description,
      officialPhone: callback?.e164 ?? null,
      policyHowToVerify: callback ? `Hang up and call the published number, ${callback.raw}, yourself.` : null,
      status: "ACTIVE" as const,
      sourceUrl: org.sourceUrl,
      sourceCredit: org.credit,
      searchText: organisationSearchText({ name: org.name, acronym: org.acronym, aliases, domains }),
    };
  });
  const { count } = await db.organisation.createMany({ data: rows, skipDuplicates: true });
  return `${count} organisations`;
}
