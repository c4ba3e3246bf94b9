// Pure: one CSV cell, for every CSV we serve (the registry, the feeds).

/** A cell a spreadsheet will not run as a formula, quoted per RFC 4180. */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
