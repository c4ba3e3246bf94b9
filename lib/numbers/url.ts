// Pure: the canonical address of a number's page, shared by proxy.ts (a real 308 before rendering)
// and the page itself (its fallback).
import { isRegion, normalisePhone } from "./phone";

export type NumberUrlDecision = { kind: "canonical" } | { kind: "redirect"; location: string } | { kind: "invalid" };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * `rawSegment` is the path segment as it arrived (still percent-encoded). The canonical form is the
 * bare E.164, `/numbers/+61412345678`, without `region` (it only helps read a national spelling);
 * other query parameters are kept.
 */
export function numberUrlDecision(rawSegment: string, search: URLSearchParams, defaultRegion: string): NumberUrlDecision {
  const asked = search.get("region")?.toUpperCase() ?? null;
  const result = normalisePhone(decode(rawSegment), isRegion(asked) ? asked : defaultRegion);
  if (!result.ok) return { kind: "invalid" };
  if (rawSegment === result.phone.e164 && !search.has("region")) return { kind: "canonical" };
  const rest = new URLSearchParams(search);
  rest.delete("region");
  const query = rest.toString();
  return { kind: "redirect", location: `/numbers/${result.phone.e164}${query ? `?${query}` : ""}` };
}
