import "server-only";
import type { db, Tx } from "../platform/db";
import { AppError } from "../platform/errors";
import { normalisePhone, type ParsedPhone } from "./phone";

// A number's row, created on first contact (a vote, a comment, a watch, a registry entry, a published number,
// a removal request on a number nobody reported yet). One way for every writer: INSERT … ON CONFLICT DO
// NOTHING, because a read-then-write (Prisma's upsert where it is not native) races with a concurrent first report.

/** Creates the row for a parsed number unless it exists. */
export async function ensurePhoneRow(tx: Tx | typeof db, phone: Pick<ParsedPhone, "e164" | "country" | "type">): Promise<void> {
  await tx.phoneNumber.createMany({ data: [{ e164: phone.e164, country: phone.country, type: phone.type }], skipDuplicates: true });
}

/** As ensurePhoneRow, from an E.164 string (checked); one read when the row exists. */
export async function ensureNumberRow(tx: Tx | typeof db, e164: string): Promise<void> {
  if (await tx.phoneNumber.findUnique({ where: { e164 }, select: { e164: true } })) return;
  const parsed = normalisePhone(e164);
  if (!parsed.ok || parsed.phone.e164 !== e164) throw new AppError("INVALID", "That is not a phone number we can read.");
  await ensurePhoneRow(tx, parsed.phone);
}
