"use server";

import { isRegion, normalisePhone } from "@/lib/numbers/phone";
import { env } from "@/lib/platform/env";

export type LookupResult = { ok: true; path: string } | { ok: false; error: string };

/**
 * The search box's normalisation, on the server: the browser never downloads libphonenumber's
 * metadata (about 50 kB gzipped) just to turn "0412 345 678" into an address. Reads no database.
 */
export async function lookupNumberAction(query: string, region: string): Promise<LookupResult> {
  const text = typeof query === "string" ? query.slice(0, 200) : "";
  const upper = typeof region === "string" ? region.toUpperCase() : "";
  const result = normalisePhone(text, isRegion(upper) ? upper : env.DEFAULT_REGION);
  return result.ok ? { ok: true, path: `/numbers/${result.phone.e164}` } : { ok: false, error: result.error };
}
