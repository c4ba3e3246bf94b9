// Pure: the feeds as CSV and vCard (RFC 6350). No database.
import { csvCell } from "../platform/csv";
import { DATA_LICENCE } from "./rules";

type Org = { name: string; slug: string; category: string; country: string | null; website: string | null };

export function allowlistCsv(entries: { e164: string; sha256: string; listed: boolean; version: bigint; organisations: Org[] }[]): string {
  const header = "number,sha256,listed,version,organisation,organisation_slug,category,country";
  const lines = entries.flatMap((entry) =>
    (entry.organisations.length ? entry.organisations : [null]).map((org) =>
      [entry.e164, entry.sha256, String(entry.listed), String(entry.version), ...[org?.name, org?.slug, org?.category, org?.country].map((cell) => csvCell(cell))].join(","),
    ),
  );
  return [header, ...lines].join("\r\n") + "\r\n";
}

export function blocklistCsv(entries: { e164: string; sha256: string; listed: boolean; version: bigint; category: string | null; confidence: number }[]): string {
  const header = "number,sha256,listed,version,category,confidence";
  const lines = entries.map((e) => [e.e164, e.sha256, String(e.listed), String(e.version), e.category ?? "", e.listed ? e.confidence.toFixed(2) : ""].join(","));
  return [header, ...lines].join("\r\n") + "\r\n";
}

/** RFC 6350 text value: backslash, comma, semicolon and line breaks escaped. */
export const vcardText = (value: string) => value.replace(/\\/g, "\\\\").replace(/,/g, "\\,").replace(/;/g, "\\;").replace(/\r?\n|\r/g, "\\n");

/** Folds a content line at 75 octets (continuation lines start with a space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** One contact per organisation with all its allow-listed numbers, so a phone shows its name when it calls. */
export function allowlistVcard(cards: { organisation: Org; numbers: string[] }[], options: { baseUrl: string; revision: Date }): string {
  const rev = options.revision.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  return cards
    .map(({ organisation, numbers }) =>
      [
        "BEGIN:VCARD",
        "VERSION:4.0",
        `UID:urn:callercheck:organisation:${vcardText(organisation.slug)}`,
        "KIND:org",
        `FN:${vcardText(organisation.name)}`,
        `ORG:${vcardText(organisation.name)}`,
        ...numbers.map((e164) => `TEL;VALUE=uri;TYPE=voice:tel:${e164}`),
        `URL:${options.baseUrl}/organisations/${encodeURIComponent(organisation.slug)}`,
        `NOTE:${vcardText(numbers.length ? `Verified outbound numbers, from CallerCheck. ${DATA_LICENCE.statement}` : `No verified numbers at the moment: remove the old ones. ${DATA_LICENCE.statement}`)}`,
        `REV:${rev}`,
        "END:VCARD",
      ]
        .map(foldLine)
        .join("\r\n"),
    )
    .join("\r\n")
    .concat(cards.length ? "\r\n" : "");
}
