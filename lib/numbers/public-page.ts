import "server-only";
import { cached } from "../platform/data-cache";
import { retireDueNumbers } from "../representatives/publish";
import { getNumberPage, LATEST_REPORTS, numberPageTags, type NumberPage } from "./page";

// Apart from page.ts, which the alert worker loads: the retirement sweep brings the accounts module
// (and with it next-auth and Next) along.

/**
 * A visitor's view of a number (no role: texts follow the public visibility rule), from the data
 * cache (lib/platform/data-cache.ts), read from a replica when one is configured. Published numbers
 * whose retirement date has passed leave the registry before the verdict is read. Tagged with the
 * number, its claims and every organisation it names, so a report, vote, comment or watch drops it.
 */
export function getPublicNumberPage(e164: string, options: { reports?: number } = {}): Promise<NumberPage> {
  const reports = options.reports ?? LATEST_REPORTS;
  return cached(`number-page:${e164}:${reports}`, numberPageTags, async () => {
    await retireDueNumbers();
    return getNumberPage(e164, null, { reports, replica: true });
  });
}

