// Client-safe: web addresses that people typed, parsed with the platform's URL parser — at the
// boundary (schemas) and again when rendered, so a bad value stored before the check (or written
// straight to the database) is shown as text, never as a link and never as a server error.

/** The normalised http(s) address, or null: a real URL parser, a host with a dot, no credentials. */
export function parseWebAddress(value: string | null | undefined): string | null {
  if (!value || value.length > 2_000) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (!url.hostname.includes(".") || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** What a page needs to link a stored address safely, or null to show it as plain text (or not at all). */
export function webLink(value: string | null | undefined): { href: string; host: string } | null {
  const href = parseWebAddress(value);
  if (!href) return null;
  return { href, host: new URL(href).hostname.replace(/^www\./, "") };
}
