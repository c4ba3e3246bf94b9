import "server-only";
import { assertCanWrite, type Actor } from "../accounts/authz";
import { db } from "../platform/db";
import { AppError, parseOrThrow } from "../platform/errors";
import { formatE164 } from "../numbers/phone";
import { parseWatchKey, type AlertModeKey, type WatchKey } from "./kinds";
import { pauseAlertsSchema, watchAlertModeSchema } from "./schema";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

// A member's alert settings: each watch's mode, "Pause all e-mail", and the one-click unsubscribe.

export type AlertWatch = { watchKey: WatchKey; kind: "NUMBER" | "ORGANISATION"; label: string; href: string; mode: AlertModeKey; organisationId?: string };

export async function getAlertSettings(userId: string) {
  const [user, numbers, organisations] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { alertsPausedAt: true, emailVerified: true } }),
    db.watch.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 200, select: { e164: true, alertMode: true } }),
    db.organisationWatch.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 200, select: { alertMode: true, organisation: { select: { id: true, name: true, slug: true } } } }),
  ]);
  const watches: AlertWatch[] = [
    ...organisations.map((w) => ({
      watchKey: `o:${w.organisation.id}` as WatchKey,
      kind: "ORGANISATION" as const,
      label: w.organisation.name,
      href: `/organisations/${encodeURIComponent(w.organisation.slug)}`,
      mode: w.alertMode,
      organisationId: w.organisation.id,
    })),
    ...numbers.map((w) => ({ watchKey: `n:${w.e164}` as WatchKey, kind: "NUMBER" as const, label: formatE164(w.e164).international, href: `/numbers/${encodeURIComponent(w.e164)}`, mode: w.alertMode })),
  ];
  return { paused: Boolean(user?.alertsPausedAt), emailConfirmed: Boolean(user?.emailVerified), watches };
}

async function applyMode(userId: string, watchKey: WatchKey, mode: AlertModeKey): Promise<number> {
  const key = parseWatchKey(watchKey);
  if (key?.kind === "NUMBER") return (await db.watch.updateMany({ where: { userId, e164: key.e164 }, data: { alertMode: mode } })).count;
  if (key?.kind === "ORGANISATION") return (await db.organisationWatch.updateMany({ where: { userId, organisationId: key.organisationId }, data: { alertMode: mode } })).count;
  return 0;
}

export async function setWatchAlertMode(actor: Actor | null, input: unknown) {
  assertCanWrite(actor);
  const { watchKey, mode } = parseOrThrow(watchAlertModeSchema, input);
  const changed = await applyMode(actor.id, watchKey as WatchKey, mode);
  if (changed === 0) throw new AppError("NOT_FOUND", "You no longer watch that. Reload the page.");
  return { watchKey, mode };
}

export async function setAlertsPaused(actor: Actor | null, input: unknown) {
  assertCanWrite(actor);
  const { paused } = parseOrThrow(pauseAlertsSchema, input);
  await db.user.update({ where: { id: actor.id }, data: { alertsPausedAt: paused === "1" ? new Date() : null } });
  return { paused: paused === "1" };
}

export type UnsubscribeOutcome = { scope: "ALL" | "WATCH"; label: string };

/** The one-click unsubscribe: no sign-in; the signed token names the member and the one watch. */
export async function unsubscribe(token: unknown): Promise<UnsubscribeOutcome> {
  const target = verifyUnsubscribeToken(token);
  if (!target) throw new AppError("INVALID", "This unsubscribe link is not valid. Open it exactly as it appears in the e-mail, or change your alerts on your account page.");
  if (target.watchKey === "all") {
    await db.user.updateMany({ where: { id: target.userId, alertsPausedAt: null }, data: { alertsPausedAt: new Date() } });
    return { scope: "ALL", label: "all alert e-mail" };
  }
  await applyMode(target.userId, target.watchKey, "OFF");
  const key = parseWatchKey(target.watchKey)!;
  if (key.kind === "NUMBER") return { scope: "WATCH", label: formatE164(key.e164).international };
  const org = await db.organisation.findUnique({ where: { id: key.organisationId }, select: { name: true } });
  return { scope: "WATCH", label: org?.name ?? "that organisation" };
}
