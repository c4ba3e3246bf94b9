import "server-only";
import { cached, cacheTags } from "../platform/data-cache";
import { retireDueNumbers } from "../representatives/publish";
import { getOrganisationPage, listOrganisations, type DirectoryFilters } from "./organisation";
import { listSafeCalling, type SafeCallingFilters } from "./scorecard-data";

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


/**
 * The organisations directory as a visitor sees it (no viewer: proposals are hidden), through the data
 * cache. Its order follows report counts, so any report drops it (the home tag), as does every audited
 * change to an organisation (everything is dropped then).
 */
export function listOrganisationsForVisitors(filters: Omit<DirectoryFilters, "viewer">) {
  const { q = "", category = "", country = "", page = 1, region = "" } = filters;
  return cached(`organisations:${JSON.stringify([q, category, country, page, region])}`, [cacheTags.registry, cacheTags.home], () => listOrganisations({ ...filters, viewer: null }));
}

/** The safe-calling table (the same for everyone) through the data cache; grades follow reports and policies. */
export function listSafeCallingCached(filters: SafeCallingFilters) {
  const { category = "", country = "", page = 1 } = filters;
  return cached(`safe-calling:${JSON.stringify([category, country, page])}`, [cacheTags.registry, cacheTags.home], () => listSafeCalling(filters));
}
