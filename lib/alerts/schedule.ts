// Pure: when a watcher's e-mail for an event is due.
export const INSTANT_GAP_MS = 60 * 60 * 1000; // "At once": at most one e-mail per watch per hour
export const DIGEST_HOUR_UTC = 7; // "Daily digest": sent once a day, at 07:00 UTC

/** "At once": now, unless this watch already had an e-mail in the last hour; then when the hour ends. */
export function instantDueAt(now: Date, lastAlertedAt: Date | null): Date {
  if (!lastAlertedAt) return now;
  const next = lastAlertedAt.getTime() + INSTANT_GAP_MS;
  return next > now.getTime() ? new Date(next) : now;
}

/** "Daily digest": the next 07:00 UTC strictly after `now`, so one day's events share one e-mail. */
export function nextDigestAt(now: Date): Date {
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
  if (due.getTime() <= now.getTime()) due.setUTCDate(due.getUTCDate() + 1);
  return due;
}

export function emailDueAt(mode: "INSTANT" | "DAILY" | "OFF", paused: boolean, now: Date, lastAlertedAt: Date | null): Date | null {
  if (paused || mode === "OFF") return null;
  return mode === "INSTANT" ? instantDueAt(now, lastAlertedAt) : nextDigestAt(now);
}
