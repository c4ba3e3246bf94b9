// Pure: the registry as CSV (RFC 4180 quoting; cells a spreadsheet would run as formulas are defused).
import { csvCell } from "../platform/csv";
import type { RegistryEntry } from "./feed";

export function registryCsv(entries: RegistryEntry[]): string {
  const header = ["number", "organisation", "organisation_slug", "category", "country", "evidence_method", "evidence_source", "verified_by", "verified_at", "review_at"];
  const lines = entries.map((e) =>
    [e.organisation.name, e.organisation.slug, e.organisation.category, e.country, e.evidence.method, e.evidence.source, e.verifiedBy, e.verifiedAt?.toISOString(), e.reviewAt?.toISOString()]
      .map((cell) => csvCell(cell))
      // E.164 is only "+" and digits (checked), so it is written as is rather than "'"-prefixed.
      .reduce((line, cell) => `${line},${cell}`, /^\+\d{6,15}$/.test(e.e164) ? e.e164 : csvCell(e.e164)),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
