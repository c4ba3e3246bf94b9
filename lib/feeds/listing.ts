import "server-only";
import type { ReportCategory } from "../generated/prisma/enums";
import { sumLegitimacy } from "../numbers/claims";
import { getNumberPage } from "../numbers/page";
import { verdictFor } from "../trust/rules";
import { db, sql, sqlIn } from "../platform/db";
import { log } from "../platform/log";
import { hashPrefixOf, listingFor, numberHash, type Listing } from "./rules";

// Keeps ListedNumber in step with the verdicts: refreshListing after a report, vote or registry change
// of one number (after its transaction committed; a member's report filed in one statement settles it from
// the listing state read in that statement, refreshListingAfterReport). After bulk changes (imports, seed)
// see rebuild.ts.

/** The last version given out (0 before any). */
export async function currentVersion(): Promise<bigint> {
  const row = await db.feedVersion.findUnique({ where: { id: "feeds" }, select: { value: true } });
  return row?.value ?? BigInt(0);
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * Recomputes one number's verdict and records a new allow or block version when its listing changed.
 * The verdict is read without holding a connection (a transaction waiting for reads from the same
 * pool can starve it); only the comparison and the write run in a short transaction. Refreshes of one
 * number are coalesced in this process: a refresh asked for while one runs makes it run once more, so
 * the last computation always starts after the last change committed.
 */
export async function refreshListing(e164: string): Promise<void> {
  const running = inFlight.get(e164);
  if (running) {
    running.again = true;
    return running.done;
  }
  const state: { again: boolean; done: Promise<void> } = { again: false, done: Promise.resolve() };
  state.done = (async () => {
    try {
      do {
        state.again = false;
        await refreshOnce(e164);
      } while (state.again);
    } finally {
      inFlight.delete(e164);
    }
  })();
  inFlight.set(e164, state);
  return state.done;
}

const inFlight = new Map<string, { again: boolean; done: Promise<void> }>();

/** How soon after a vote a number's listing follows it (refreshListingLater). */
export const LISTING_FOLLOW_MS = 1_000;
/** Numbers whose listing was refreshed by refreshListingLater in the last LISTING_FOLLOW_MS, and whether another is due when that time is up. */
const following = new Map<string, { due: boolean }>();

/**
 * After a small, frequent write (a vote): the number's listing follows within LISTING_FOLLOW_MS, off the
 * write's path. A burst of votes on one number costs one refresh a second, not one per vote: a refresh
 * asked for within a second of the last one waits for the second to end, and the refresh then starts
 * after every vote asked for meanwhile committed. Failures are logged (refreshListingAfterWrite).
 */
export function refreshListingLater(e164: string, followMs: number = LISTING_FOLLOW_MS): void {
  const recent = following.get(e164);
  if (recent) {
    recent.due = true;
    return;
  }
  const entry = { due: false };
  following.set(e164, entry);
  void refreshListingAfterWrite(e164);
  const timer = setTimeout(() => {
    following.delete(e164);
    if (entry.due) refreshListingLater(e164, followMs);
  }, followMs);
  timer.unref?.();
}

type CurrentListing = { allowed: boolean; blocked: boolean; category: ReportCategory | null; confidence: number; organisationIds: string[]; verdict: string } | null;

/** What a new listing changes against the stored one (organisation ids sorted, as stored). */
function listingChanges(listing: Listing, verifiedIds: string[], current: CurrentListing) {
  // A number that leaves the allow-list keeps the organisations it had, so the removal names them.
  const organisationIds = listing.allowed ? verifiedIds : (current?.organisationIds ?? []);
  const allowChanged = listing.allowed !== (current?.allowed ?? false) || (listing.allowed && !sameSet(organisationIds, current?.organisationIds ?? []));
  const blockChanged =
    listing.blocked !== (current?.blocked ?? false) || (listing.blocked && (listing.category !== current?.category || listing.confidence !== current?.confidence));
  return { organisationIds, allowChanged, blockChanged };
}

/** A number's kept reporters per category: members' and visitors' (NumberCategoryStat). */
type CategoryReporters = { members: Partial<Record<ReportCategory, number>>; visitors: Partial<Record<ReportCategory, number>> };

/**
 * The listing of a plain number: one no organisation is claimed on, calls back from or publishes, and
 * nobody voted on (votes sit on claims). Its verdict is its reports' alone, from its kept counters through
 * the same pure rules the number page applies (getNumberPage with no claim, no official contact and no
 * votes; only a claimed organisation can be "really them, but unsafe").
 */
export function plainListing({ members, visitors }: CategoryReporters): Listing {
  const verdict = verdictFor({
    verified: null,
    claimed: null,
    officialContact: null,
    unsafeReports: members.LEGITIMATE_UNSAFE ?? 0,
    votes: sumLegitimacy([]),
    reportersByCategory: members,
    anonymousReportersByCategory: visitors,
  });
  return listingFor(verdict, members);
}

export function categoryReporters(stats: Array<{ category: ReportCategory; reporters: number; anonymousReporters: number }>): CategoryReporters {
  const entry: CategoryReporters = { members: {}, visitors: {} };
  for (const stat of stats) {
    if (stat.reporters > 0) entry.members[stat.category] = stat.reporters;
    if (stat.anonymousReporters > 0) entry.visitors[stat.category] = stat.anonymousReporters;
  }
  return entry;
}

/** The listing a number's verdict gives now, and the organisations it is verified for (sorted, as stored). */
async function currentVerdictListing(e164: string): Promise<{ listing: Listing; verifiedIds: string[] }> {
  const page = await getNumberPage(e164, null, { reports: 0, chart: false });
  const reporters = Object.fromEntries(page.categories.map((c) => [c.category, c.reporters]));
  const verifiedIds = page.organisations
    .filter((claim) => claim.status === "VERIFIED")
    .map((claim) => claim.organisation.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { listing: listingFor(page.verdict, reporters), verifiedIds };
}

/**
 * What callercheck_listing_state reads in one statement (prisma/migrations/…_listing_state_function): whether
 * no transaction is writing the number's listing now, the stored listing, whether the number is plain
 * (plainListing) and, if so, its kept reporters per category.
 */
export type ListingState = NonNullable<CurrentListing> & {
  free: boolean;
  listed: boolean;
  plain: boolean;
  stats: Array<{ category: ReportCategory; reporters: number; anonymousReporters: number }> | null;
  /** A fingerprint of the plain flag, the stats and the stored row: callercheck_write_listing writes only while it stands. */
  stamp: string;
};

/** A plain number's listing, from the kept counters its state carries (no organisation is verified on it). */
const plainFromState = (state: ListingState) => ({ listing: plainListing(categoryReporters(state.stats ?? [])), verifiedIds: [] as string[] });

/** The listing to write, or null when the stored one stands (and no transaction is writing it meanwhile). */
async function listingToWrite(e164: string, state: ListingState): Promise<{ listing: Listing; verifiedIds: string[] } | null> {
  const { listing, verifiedIds } = state.plain ? plainFromState(state) : await currentVerdictListing(e164);
  const current = state.listed ? state : null;
  const first = listingChanges(listing, verifiedIds, current);
  // The stored listing is trusted only when no transaction is writing the number's listing (the try-lock
  // is released with the statement): otherwise a write computed from older data could land after this
  // read, so the refresh goes the locked way and reads it again.
  if (state.free && !first.allowChanged && !first.blockChanged && (!current || current.verdict === listing.verdict)) return null;
  return { listing, verifiedIds };
}

/**
 * The verdict's inputs and the stored listing. One statement (callercheck_listing_state) reads the stored
 * listing, whether the number is plain and, if so, its kept category counters: a plain number's verdict
 * needs nothing more (most reported numbers, and every report about a number nobody claimed). Any other
 * number's verdict is read as its page reads it (without its reports). Most refreshes change nothing: they
 * end there. A change (or a listing being written meanwhile) is written by one more statement, which writes
 * only if the inputs it was computed from still stand; when they moved, the refresh reads them again.
 */
async function refreshOnce(e164: string, first?: ListingState): Promise<void> {
  let state = first ?? (await readState(e164));
  for (let attempt = 1; ; attempt++) {
    const next = await listingToWrite(e164, state);
    if (!next || (await writeListing(e164, state, next.listing, next.verifiedIds))) return;
    if (attempt === WRITE_ATTEMPTS) return refreshListingLocked(e164);
    state = await readState(e164);
  }
}

const LISTING_STATE_SQL = `SELECT * FROM callercheck_listing_state($1)`;

async function readState(e164: string): Promise<ListingState> {
  const [state] = await sql<ListingState>(LISTING_STATE_SQL, [e164]);
  return state!;
}

/**
 * After a member's report filed in one statement, with the listing state that statement read once the
 * report was written (lib/reports/report.ts): when the number is plain, its listing is settled from that
 * state, with no further read: nothing more when it stands, one statement when it changes. Otherwise, or
 * while a refresh of the number runs in this process (it must run again after this report), the number is
 * refreshed as after any write.
 */
export async function refreshListingAfterReport(e164: string, state: ListingState): Promise<void> {
  if (!state.plain || inFlight.has(e164)) return refreshListingAfterWrite(e164);
  await refreshOnce(e164, state).catch(refreshFailed(e164));
}

/**
 * Writes a listing computed from `state` (callercheck_listing_state's answer) in one statement,
 * callercheck_write_listing: under the number's lock it reads the state again and writes only if its stamp
 * is still the one the listing was computed from (a plain number's kept reporters and the stored row), with
 * the next feed version when the allow or block side changed. False when the stamp moved: a report or
 * another refresh came between, and the caller reads and computes again. (A number that is not plain has its
 * verdict read as its page reads it, outside the lock: a transaction waiting for reads from the same pool can
 * starve it.)
 */
async function writeListing(e164: string, state: ListingState, listing: Listing, verifiedIds: string[]): Promise<boolean> {
  const [row] = await sql<{ outcome: string }>(WRITE_LISTING_SQL, writeParams(e164, state, listing, verifiedIds));
  return row!.outcome !== "stale";
}

const WRITE_LISTING_SQL = `SELECT callercheck_write_listing($1, $2, $3, $4, $5, $6, $7::text[], $8, $9, $10, $11, $12) AS outcome`;

/** callercheck_write_listing's parameters: the listing, what it changes against the stored row the state read, and the state's stamp. */
function writeParams(e164: string, state: ListingState, listing: Listing, verifiedIds: string[]): unknown[] {
  const { organisationIds, allowChanged, blockChanged } = listingChanges(listing, verifiedIds, state.listed ? state : null);
  const sha256 = numberHash(e164);
  return [e164, state.stamp, sha256, hashPrefixOf(sha256), listing.verdict, listing.allowed, organisationIds, listing.blocked, listing.category, listing.confidence, allowChanged, blockChanged];
}

/**
 * The refresh's way for a number whose inputs moved under WRITE_ATTEMPTS one-statement writes in a row
 * (exported for its db test): the state is read again and a plain number's listing computed under the
 * number's lock, in a transaction (another number's verdict is read before it, as its page reads it), and
 * written by the same statement. Under the
 * lock only a report committing meanwhile can move the stamp, and that report refreshes the number after it.
 */
export async function refreshListingLocked(e164: string): Promise<void> {
  const computed = (await readState(e164)).plain ? null : await currentVerdictListing(e164);
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`listing:${e164}`}))`;
      const [state] = await sqlIn<ListingState>(tx, LISTING_STATE_SQL, [e164]);
      // Claimed or published since the read above: the write that made it so refreshes it after itself.
      const next = state!.plain ? plainFromState(state!) : computed;
      if (next) await sqlIn(tx, WRITE_LISTING_SQL, writeParams(e164, state!, next.listing, next.verifiedIds));
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

/** How many one-statement writes a refresh tries before it takes the locked way. */
const WRITE_ATTEMPTS = 3;

/**
 * After a committed write: keeps the feeds current without failing the member's request. A failure
 * is logged; the next change to the number or rebuildListings puts it right.
 */
export async function refreshListingAfterWrite(e164: string): Promise<void> {
  // Not fatal: the write is stored; the listing catches up on the number's next write or the next rebuild.
  await refreshListing(e164).catch(refreshFailed(e164));
}

/** refreshListingAfterWrite for several numbers at once (an organisation publishing or retiring a list). */
export async function refreshListingsAfterWrite(numbers: string[]): Promise<void> {
  if (numbers.length) await refreshListings(numbers).catch(refreshFailed(numbers.join(" ")));
}

const refreshFailed = (e164: string) => (error: unknown) => log.warn({ err: error, e164 }, "feed listing refresh failed");

/** Refreshes these numbers' listings, a few at a time: each is a handful of short reads and one small transaction. */
export async function refreshListings(numbers: string[], options: { onProgress?: (done: number, total: number) => void; concurrency?: number } = {}): Promise<number> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < numbers.length) {
      await refreshListing(numbers[next++]!);
      options.onProgress?.(++done, numbers.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return numbers.length;
}
