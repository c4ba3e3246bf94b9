import "server-only";
import { cached, cacheTags } from "../platform/data-cache";
import { retireDueNumbers } from "../representatives/publish";
import { getOrganisationPage } from "./organisation";

// Apart from organisation.ts, which scripts load: the retirement sweep brings next-auth and Next along.

/**
 * getOrganisationPage through the data cache, tagged with the organisation: a report naming it drops
 * it, as does every audited change (moderation, representatives, merges). Retired numbers are swept first.
 */
export function getCachedOrganisationPage(slug: string, pages: { verifiedAfter?: string; claimedAfter?: string } = {}) {
  return cached(
    `organisation-page:${slug}:${pages.verifiedAfter ?? ""}:${pages.claimedAfter ?? ""}`,
    (page) => (page && !("redirectTo" in page) ? [cacheTags.organisation(page.organisation.id)] : [cacheTags.registry]),
    async () => {
      await retireDueNumbers();
      return getOrganisationPage(slug, pages);
    },
  );
}

