import "server-only";
import nodemailer from "nodemailer";
import { db } from "./db";
import { env } from "./env";
import { log } from "./log";

export type Mail = { to: string; subject: string; text: string };

let transport: nodemailer.Transporter | undefined;

/**
 * The only way the app sends e-mail. Every message is kept in the outbox table; it goes out over SMTP
 * when SMTP_URL is set; otherwise it waits there (development and tests read the outbox page).
 */
export async function sendMail(mail: Mail): Promise<void> {
  const row = await db.outboxEmail.create({ data: mail, select: { id: true } });
  if (!env.SMTP_URL) {
    // Only that a message waits in the outbox: its body holds live links (reset, confirmation), and
    // its recipient is personal data. Development reads the outbox page instead.
    log.info({ outboxId: row.id }, "mail kept in the outbox (no SMTP_URL)");
    return;
  }
  // Delivery is not awaited: a slow SMTP server would otherwise make "we sent a reset link" take
  // longer for an e-mail that has an account than for one that has not, revealing who has one.
  // The outbox row above is written either way, so nothing is lost if delivery fails.
  void deliver(row.id, mail, env.SMTP_URL);
}

async function deliver(id: string, mail: Mail, smtpUrl: string): Promise<void> {
  transport ??= nodemailer.createTransport(smtpUrl);
  try {
    await transport.sendMail({ from: env.MAIL_FROM, ...mail });
    await db.outboxEmail.update({ where: { id }, data: { sentAt: new Date() } });
  } catch (error) {
    log.error({ outboxId: id, err: error }, "SMTP delivery failed; the message stays in the outbox");
  }
}

export function listOutbox(limit = 50) {
  return db.outboxEmail.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, text: true, sentAt: true, createdAt: true },
  });
}
