import "server-only";
import { getNumberPage } from "../numbers/page";
import { db, type Tx } from "../platform/db";
import { hashPrefixOf, listingFor, numberHash } from "./rules";

// Keeps ListedNumber in step with the verdicts: refreshListing after a report, vote or registry change
// of one number (after its transaction committed), rebuildListings after bulk changes (imports, seed).

/** The next feed version. The counter row stays locked until the caller's transaction commits, so
 * versions become visible in order: a client that saw version n never later meets a change below n. */
async function nextVersion(tx: Tx): Promise<bigint> {
  const rows = await tx.$queryRaw<{ value: bigint }[]>`
    INSERT INTO "FeedVersion" (id, value) VALUES ('feeds', 1)
    ON CONFLICT (id) DO UPDATE SET value = "FeedVersion".value + 1 RETURNING value`;
  return rows[0]!.value;
}

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

async function refreshOnce(e164: string): Promise<void> {
  const [page, verifiedClaims] = await Promise.all([
    getNumberPage(e164, null, { reports: 0 }),
    db.claim.findMany({ where: { e164, status: "VERIFIED", organisationId: { not: null } }, select: { organisationId: true }, orderBy: { organisationId: "asc" } }),
  ]);
  const reporters = Object.fromEntries(page.categories.map((c) => [c.category, c.reporters]));
  const listing = listingFor(page.verdict, reporters);
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`listing:${e164}`}))`;
      const current = await tx.listedNumber.findUnique({ where: { e164 } });
      // A number that leaves the allow-list keeps the organisations it had, so the removal names them.
      const organisationIds = listing.allowed ? verifiedClaims.map((claim) => claim.organisationId!) : (current?.organisationIds ?? []);
      const allowChanged = listing.allowed !== (current?.allowed ?? false) || (listing.allowed && !sameSet(organisationIds, current?.organisationIds ?? []));
      const blockChanged =
        listing.blocked !== (current?.blocked ?? false) ||
        (listing.blocked && (listing.category !== current?.category || listing.confidence !== current?.confidence));
      if (!allowChanged && !blockChanged) {
        if (current && current.verdict !== listing.verdict) await tx.listedNumber.update({ where: { e164 }, data: { verdict: listing.verdict } });
        return;
      }
      const version = await nextVersion(tx);
      const sha256 = numberHash(e164);
      const data = {
        verdict: listing.verdict,
        allowed: listing.allowed,
        organisationIds,
        blocked: listing.blocked,
        category: listing.category,
        confidence: listing.confidence,
        allowVersion: allowChanged ? version : (current?.allowVersion ?? null),
        blockVersion: blockChanged ? version : (current?.blockVersion ?? null),
      };
      await tx.listedNumber.upsert({ where: { e164 }, create: { e164, sha256, hashPrefix: hashPrefixOf(sha256), ...data }, update: data });
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

/**
 * After a committed write: keeps the feeds current without failing the member's request. A failure
 * is logged; the next change to the number or rebuildListings puts it right.
 */
export async function refreshListingAfterWrite(e164: string): Promise<void> {
  await refreshListing(e164).catch((error) => console.error("[feeds] refreshListing failed", e164, error));
}

/**
 * Refreshes every number that could be listed: claimed (votes and registry entries sit on claims),
 * already listed, or with the two reports the verdict's minimum evidence needs.
 */
export async function rebuildListings(options: { onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  const rows = await db.$queryRaw<{ e164: string }[]>`
    SELECT e164 FROM "PhoneNumber" WHERE "reportCount" >= 2
    UNION SELECT e164 FROM "Claim"
    UNION SELECT e164 FROM "ListedNumber"`;
  return refreshListings(rows.map((row) => row.e164), options);
}

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

/**
 * After an import: the listings of the imported numbers that can have a verdict's evidence (two
 * reports), or were listed before. Returns how many were refreshed.
 */
export async function refreshImportedListings(numbers: string[], options: { onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  const candidates: string[] = [];
  for (let i = 0; i < numbers.length; i += 10_000) {
    const chunk = numbers.slice(i, i + 10_000);
    const rows = await db.$queryRaw<{ e164: string }[]>`
      SELECT e164 FROM "PhoneNumber" WHERE e164 = ANY(${chunk}) AND "reportCount" >= 2
      UNION SELECT e164 FROM "ListedNumber" WHERE e164 = ANY(${chunk})`;
    candidates.push(...rows.map((row) => row.e164));
  }
  return refreshListings(candidates, options);
}
