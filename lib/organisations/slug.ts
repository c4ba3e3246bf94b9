// Client-safe organisation helpers shared by the seed, commands and forms.

export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "organisation"
  );
}

/** What the trigram index searches: name, acronym, aliases and domains, lower-cased. */
export function organisationSearchText(org: { name: string; acronym?: string | null; aliases?: string[]; domains?: string[] }): string {
  return [org.name, org.acronym, ...(org.aliases ?? []), ...(org.domains ?? [])]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
}
