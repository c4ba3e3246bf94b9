import "server-only";
import { cache } from "react";
import { listComments } from "../comments/comment";
import { cached, cacheTags } from "../platform/data-cache";
import { retireDueNumbers } from "../representatives/publish";
import { getOrganisationVoice } from "../representatives/voice";
import { env } from "../platform/env";
import { listClaimsForNumber } from "../votes/vote";
import { getNumberPage, LATEST_REPORTS, numberPageTags, type NumberPage } from "./page";

// What a number's page shows everyone alike, through the data cache (lib/platform/data-cache.ts).
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


/** The vote panel's claims as a visitor sees them (no vote of their own); a vote on any of them drops it. */
export function listPublicClaimsForNumber(e164: string) {
  return cached(`vote-claims:${e164}`, (claims) => [cacheTags.number(e164), ...claims.flatMap((claim) => (claim.id ? [cacheTags.claim(claim.id)] : []))], () =>
    listClaimsForNumber(e164, null),
  );
}

/**
 * Whether members may read the cached public copy of what they see alike with visitors. Without read
 * replicas, yes: a write drops what it changed at once (here, and on every instance by broadcast), so
 * the member's next view has it. With replicas the copy is refilled from a replica that may not have the
 * write yet: members then read the primary, which does.
 */
export function membersReadCache(): boolean {
  return env.DATABASE_REPLICA_URLS.length === 0;
}

/**
 * The vote panel's claims and the first page of comments as everyone sees them, for a visitor or a member
 * (the page, and a member's parts beside it): the cached copies, or for a member with read replicas
 * configured, afresh from the primary (membersReadCache). Read once per render.
 */
export const claimsEveryoneSees = cache((e164: string, signedIn: boolean) =>
  !signedIn || membersReadCache() ? listPublicClaimsForNumber(e164) : listClaimsForNumber(e164, null),
);
export const commentsEveryoneSees = cache((e164: string, signedIn: boolean) => (!signedIn || membersReadCache() ? listPublicComments(e164) : listComments(e164, null)));

/** The first page of comments as a visitor sees them; posting, editing, deleting or hiding a comment drops it. */
export function listPublicComments(e164: string) {
  return cached(`comments:${e164}`, [cacheTags.number(e164)], () => listComments(e164, null));
}

/** The organisations' voice on a number (the same for everyone); statements are audited, which drops it. */
export function getCachedOrganisationVoice(e164: string) {
  return cached(`voice:${e164}`, (voice) => [cacheTags.number(e164), ...voice.organisations.map((org) => cacheTags.organisation(org.id))], () => getOrganisationVoice(e164));
}
