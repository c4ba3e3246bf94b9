// The organisations phone scammers imitate most in Australia and the United States, from
// prisma/data/impersonated-organisations.csv (one row per fact, each with its source page; see
// ../shared/data/SOURCES.md). Each organisation is seeded once, with its domains, aliases, published
// numbers (OrganisationContactNumber), calling-policy statements quoted from their source, and every
// source (OrganisationSource). Where the directory seed already has the same organisation, that row is
// enriched instead of duplicated; a directory row that is one line of a larger body (the AU "Medicare"
// enquiry line belongs to Services Australia) is merged into it when nobody has used it yet.
import type { PrismaClient } from "../lib/generated/prisma/client";
import type { OrgCategory } from "../lib/generated/prisma/enums";
import { parseCsv as parseCsvRows } from "../lib/imports/ftc-csv";
import { normalisePhone } from "../lib/numbers/phone";
import { organisationSearchText, slugify } from "../lib/organisations/slug";
import { readData } from "./seed-data";

export type CsvRow = {
  name: string;
  aliases: string;
  country: string;
  category: string;
  website_domain: string;
  official_phone: string;
  phone_purpose: string;
  source_url: string;
  source_title: string;
  retrieved_excerpt: string;
};

/** RFC 4180 rows (lib/imports/ftc-csv.ts reads them) as records keyed by the trimmed header; blank lines dropped. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvRows(text).filter((r) => r.some((cell) => cell.trim()));
  return rows.map((row) => Object.fromEntries(header.map((key, i) => [key.trim(), (row[i] ?? "").trim()])));
}

const CATEGORIES: Record<string, OrgCategory> = {
  government: "GOVERNMENT",
  bank: "BANK",
  telco: "TELCO",
  insurer: "INSURER",
  energy: "UTILITY",
  retail: "RETAILER",
  // No category of their own (yet): delivery, tech, health.
};

/**
 * Directory rows that are the same organisation under another name: enriched in place, keeping the
 * directory's name (the CSV's name becomes an alias).
 */
const SAME_AS: Record<string, { name: string; country: string }> = {
  "Medicare (Centers for Medicare & Medicaid Services)": { name: "Centers for Medicare and Medicaid Services", country: "US" },
  "United States Postal Service": { name: "U.S. Postal Service", country: "US" },
};

/** Directory rows that are one line of a CSV organisation: merged into it (their number and source move). */
const PART_OF: Record<string, { name: string; country: string }[]> = {
  "Services Australia": [{ name: "Medicare", country: "AU" }],
  "Australian Taxation Office": [{ name: "ATO entry point for government dept", country: "AU" }],
};

/** SMS short codes (7726, 39872) are not numbers anyone calls; only full E.164 numbers are kept. */
export function callableNumber(raw: string, country: string): string | null {
  if (!raw.startsWith("+")) return null;
  const parsed = normalisePhone(raw, country);
  return parsed.ok ? parsed.phone.e164 : null;
}

/** An alias that abbreviates the name (ATO, CBA, ASIC): its letters are, in order, the name's initials. */
export function acronymOf(name: string, aliases: string[]): string | null {
  const initials = name.split(/[^A-Za-z]+/).filter(Boolean).map((word) => word[0].toUpperCase()).join("");
  return (
    aliases.find((alias) => {
      if (!/^[A-Z]{2,6}$/.test(alias)) return false;
      let at = 0;
      for (const letter of alias) {
        at = initials.indexOf(letter, at);
        if (at < 0) return false;
        at += 1;
      }
      return initials.startsWith(alias[0]);
    }) ?? null
  );
}

export type PolicyField = "policyCallsFrom" | "policyNeverAsks" | "policyHowToVerify";

/** Which calling-policy field a quoted statement belongs in, by what it says; null when it is not one. */
export function policyFieldFor(excerpt: string): PolicyField | null {
  if (/no caller id|calls? (our customers |you )?from|only calls|always call you from/i.test(excerpt)) return "policyCallsFrom";
  if (/\b(never|won[’']t|will not|does not|doesn[’']t|do not make)\b/i.test(excerpt)) return "policyNeverAsks";
  if (/\bto check\b|check whether|\bverify\b|verification|hang up|contact us directly|call us (directly )?on .*\b(check|unsure)/i.test(excerpt)) return "policyHowToVerify";
  return null;
}

/** Mis-decoded bytes in a scraped excerpt ("an ½ñÈÕÈÈÃÅʼþemployee") are dropped, not quoted. */
const clean = (text: string) => text.replace(/[\u00a0-\u00ff\u02b0-\u02ff]{4,}/g, "").replace(/\s+/g, " ").trim();

const quote = (excerpt: string, title: string) => `“${clean(excerpt).replace(/^[“"]|[”"]$/g, "")}” (${title})`;

export type ImportedOrganisation = {
  name: string;
  country: string;
  category: OrgCategory;
  domains: string[];
  aliases: string[];
  acronym: string | null;
  officialPhone: string | null;
  policy: Partial<Record<PolicyField, string>>;
  numbers: { e164: string; purpose: string; sourceUrl: string; sourceTitle: string }[];
  sources: { url: string; title: string; excerpt: string | null }[];
  skippedNumbers: string[];
};

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
};

/**
 * Groups the CSV's rows into organisations (by website domain, else by name: "ANZ Plus" is ANZ's).
 * The first callable number from the organisation's own site is its official callback number, else
 * the first callable number at all.
 */
export function groupImpersonated(rows: CsvRow[]): ImportedOrganisation[] {
  const groups = new Map<string, CsvRow[]>();
  for (const row of rows) {
    const key = row.website_domain ? `domain:${row.website_domain.toLowerCase()}` : `name:${row.name}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group;
    const name = first.name;
    const aliasList = group.flatMap((row) => [row.name, ...row.aliases.split(";")]).map((alias) => alias.trim());
    const aliases = [...new Set(aliasList)].filter((alias) => alias && alias.toLowerCase() !== name.toLowerCase());
    const domains = first.website_domain ? [first.website_domain.toLowerCase()] : [];
    const numbers: ImportedOrganisation["numbers"] = [];
    const skippedNumbers: string[] = [];
    for (const row of group) {
      if (!row.official_phone) continue;
      const e164 = callableNumber(row.official_phone, row.country);
      if (!e164) skippedNumbers.push(row.official_phone);
      else if (!numbers.some((n) => n.e164 === e164)) numbers.push({ e164, purpose: row.phone_purpose, sourceUrl: row.source_url, sourceTitle: row.source_title });
    }
    const own = (url: string) => domains.some((domain) => hostOf(url) === domain || hostOf(url).endsWith(`.${domain}`));
    // A number for forwarding scam texts is not a number to call back.
    const callback = numbers.filter((n) => !/^SMS\b|forward/i.test(n.purpose));
    const officialPhone = (callback.find((n) => own(n.sourceUrl)) ?? callback[0])?.e164 ?? null;

    const statements: Partial<Record<PolicyField, string[]>> = {};
    for (const row of group) {
      const field = row.retrieved_excerpt ? policyFieldFor(row.retrieved_excerpt) : null;
      if (field) (statements[field] ??= []).push(quote(row.retrieved_excerpt, row.source_title));
    }
    const policy = Object.fromEntries(Object.entries(statements).map(([field, quotes]) => [field, [...new Set(quotes)].join(" ")]));
    return {
      name,
      country: first.country,
      category: CATEGORIES[first.category] ?? "OTHER",
      domains,
      aliases,
      acronym: acronymOf(name, aliases),
      officialPhone,
      policy,
      numbers,
      sources: group.map((row) => ({ url: row.source_url, title: row.source_title, excerpt: row.retrieved_excerpt ? clean(row.retrieved_excerpt) : null })),
      skippedNumbers,
    };
  });
}

export async function seedImpersonated(db: PrismaClient): Promise<string> {
  const orgs = groupImpersonated(parseCsv(readData("impersonated-organisations.csv")) as CsvRow[]);
  let created = 0;
  let enriched = 0;
  let merged = 0;
  let numbers = 0;
  let sources = 0;
  const notes: string[] = [];
  const slugs = new Set((await db.organisation.findMany({ select: { slug: true } })).map((o) => o.slug));

  for (const org of orgs) {
    const twin = SAME_AS[org.name] ?? { name: org.name, country: org.country };
    const existing = await db.organisation.findFirst({
      where: { name: { equals: twin.name, mode: "insensitive" }, country: twin.country, status: "ACTIVE" },
      select: { id: true, name: true, acronym: true, aliases: true, domains: true, officialPhone: true },
    });
    let id: string;
    if (existing) {
      const aliases = [...new Set([...existing.aliases, ...org.aliases, org.name])].filter((alias) => alias !== existing.name);
      const domains = [...new Set([...existing.domains, ...org.domains])];
      const acronym = existing.acronym ?? org.acronym;
      await db.organisation.update({
        where: { id: existing.id },
        data: {
          aliases,
          domains,
          acronym,
          officialPhone: existing.officialPhone ?? org.officialPhone,
          ...org.policy,
          searchText: organisationSearchText({ name: existing.name, acronym, aliases, domains }),
        },
      });
      id = existing.id;
      enriched += 1;
    } else {
      let slug = slugify(org.name);
      if (slugs.has(slug)) slug = `${slug}-${org.country.toLowerCase()}`;
      for (let i = 2; slugs.has(slug); i++) slug = `${slugify(org.name)}-${i}`;
      slugs.add(slug);
      const domain = org.domains[0];
      ({ id } = await db.organisation.create({
        data: {
          slug,
          name: org.name,
          acronym: org.acronym,
          aliases: org.aliases,
          domains: org.domains,
          website: domain ? `https://${domain}/` : null,
          category: org.category,
          country: org.country,
          officialPhone: org.officialPhone,
          ...org.policy,
          status: "ACTIVE",
          searchText: organisationSearchText({ name: org.name, acronym: org.acronym, aliases: org.aliases, domains: org.domains }),
        },
        select: { id: true },
      }));
      created += 1;
    }

    for (const part of PART_OF[org.name] ?? []) {
      const line = await db.organisation.findFirst({
        where: { name: part.name, country: part.country, status: "ACTIVE" },
        select: { id: true, name: true, officialPhone: true, sourceUrl: true, sourceCredit: true, _count: { select: { claims: true, reports: true, representatives: true } } },
      });
      if (!line) continue;
      if (line._count.claims || line._count.reports || line._count.representatives) {
        notes.push(`"${line.name}" kept (in use): merge it into ${org.name} from the moderation pages`);
        continue;
      }
      if (line.officialPhone) {
        const { count } = await db.organisationContactNumber.createMany({
          data: [{ organisationId: id, e164: line.officialPhone, purpose: `${line.name} (enquiry line)`, sourceUrl: line.sourceUrl, sourceTitle: line.sourceCredit }],
          skipDuplicates: true,
        });
        numbers += count;
      }
      if (line.sourceUrl) {
        await db.organisationSource.create({ data: { organisationId: id, url: line.sourceUrl, title: `${line.name}: ${line.sourceCredit ?? "enquiry line"}` } });
        sources += 1;
      }
      await db.organisation.update({ where: { id: line.id }, data: { status: "MERGED", mergedIntoId: id } });
      merged += 1;
    }

    const { count } = await db.organisationContactNumber.createMany({
      data: org.numbers.map((n) => ({ organisationId: id, ...n })),
      skipDuplicates: true,
    });
    numbers += count;
    await db.organisationSource.createMany({ data: org.sources.map((s) => ({ organisationId: id, ...s })) });
    sources += org.sources.length;
  }
  const skipped = orgs.reduce((sum, org) => sum + org.skippedNumbers.length, 0);
  return [
    `${orgs.length} impersonated organisations (${created} new, ${enriched} enriched, ${merged} directory lines merged in)`,
    `${numbers} contact numbers`,
    `${sources} sources`,
    `${skipped} SMS short codes skipped`,
    ...notes,
  ].join(", ");
}
