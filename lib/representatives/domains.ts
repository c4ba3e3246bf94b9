// Pure: whether a work address belongs to an organisation, by its recorded domains.

/** The address's domain is one of the organisation's, or a subdomain of one ("claims.harbour.example"). */
export function emailMatchesDomains(email: string, domains: string[]): boolean {
  const at = email.lastIndexOf("@");
  if (at < 1) return false;
  const domain = email.slice(at + 1).toLowerCase().trim();
  return domains.some((d) => {
    const own = d.toLowerCase().trim().replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/.*$/, "");
    return own.includes(".") && (domain === own || domain.endsWith(`.${own}`));
  });
}
