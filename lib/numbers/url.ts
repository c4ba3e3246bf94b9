// Pure: the canonical address of a number's page, shared by proxy.ts (a real 308 before rendering)
// and the page itself (its fallback).
import { isRegion, normalisePhone } from "./phone";

export type NumberUrlDecision = { kind: "canonical" } | { kind: "redirect"; location: string } | { kind: "invalid" };

/** The number in a URL path segment, percent-decoded (a malformed encoding is read as typed). */
export function decodeNumberSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The `region` a URL asks for: the first one when repeated, upper-cased; null when absent. */
export function askedRegion(value: string | readonly string[] | null | undefined): string | null {
  const first = typeof value === "string" ? value : value?.[0];
  return first ? first.trim().toUpperCase() : null;
}

/** The region to read a national spelling with: the one asked for when valid, else the default. */
export function regionFor(value: string | readonly string[] | null | undefined, defaultRegion: string): string {
  const asked = askedRegion(value);
  return isRegion(asked) ? asked : defaultRegion;
}

/**
 * `rawSegment` is the path segment as it arrived (still percent-encoded). The canonical form is the
 * bare E.164, `/numbers/+61412345678`, without `region` (it only helps read a national spelling);
 * other query parameters are kept.
 */
export function numberUrlDecision(rawSegment: string, search: URLSearchParams, defaultRegion: string): NumberUrlDecision {
  const result = normalisePhone(decodeNumberSegment(rawSegment), regionFor(search.getAll("region"), defaultRegion));
  if (!result.ok) return { kind: "invalid" };
  if (rawSegment === result.phone.e164 && !search.has("region")) return { kind: "canonical" };
  const rest = new URLSearchParams(search);
  rest.delete("region");
  const query = rest.toString();
  return { kind: "redirect", location: `/numbers/${result.phone.e164}${query ? `?${query}` : ""}` };
}
