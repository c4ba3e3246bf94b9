import "server-only";
import { db } from "../platform/db";
import { describeEvent, eventPath, type AlertEventData } from "./kinds";

export type WhatsNewItem = { id: string; text: string; href: string; createdAt: Date; unread: boolean };

/**
 * The member's latest notifications, as the account page's "What's new" shows them; the unread ones
 * among them are then marked read (shown once as new). Texts come from ./kinds.ts: no user-written text.
 */
export async function listWhatsNewAndMarkRead(userId: string, take = 30): Promise<WhatsNewItem[]> {
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, readAt: true, createdAt: true, event: { select: { kind: true, e164: true, organisationId: true, data: true, createdAt: true } } },
  });
  const unread = rows.filter((row) => !row.readAt).map((row) => row.id);
  if (unread.length > 0) await db.notification.updateMany({ where: { id: { in: unread }, userId }, data: { readAt: new Date() } });
  return rows.map((row) => {
    const event = { ...row.event, data: (row.event.data ?? {}) as AlertEventData };
    return { id: row.id, text: describeEvent(event), href: eventPath(event), createdAt: row.createdAt, unread: !row.readAt };
  });
}

export async function countUnread(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}
