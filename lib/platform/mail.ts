import "server-only";
import nodemailer from "nodemailer";
import { db } from "./db";
import { env, isDevPagesEnabled } from "./env";
import { log } from "./log";
import { redactLinks } from "./redact";

export type Mail = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };

let transport: nodemailer.Transporter | undefined;

/**
 * The only way the app sends e-mail. Every message is kept in the outbox table, but a live link
 * (confirmation, password reset) is kept only where development pages are on (development, and
 * end-to-end tests through ENABLE_DEV_PAGES, which read the links from /dev/outbox): in production
 * the stored text is redacted, so whoever reads the database or a backup cannot take over an account.
 * The message goes out over SMTP when SMTP_URL is set, from memory with its live link. Without SMTP
 * the message waits in the outbox (read at /dev/outbox in development); logs name the subject, never the body.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const stored = { ...mail, text: isDevPagesEnabled ? mail.text : redactLinks(mail.text) };
  const row = await db.outboxEmail.create({ data: stored, select: { id: true } });
  if (!env.SMTP_URL) {
    // Only that a message waits in the outbox: its body holds live links (reset, confirmation), and
    // its recipient is personal data. Development reads the outbox page instead.
    log.info({ outboxId: row.id, subject: mail.subject }, "mail kept in the outbox (no SMTP_URL)");
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
    // The error's message only: nodemailer's error object can carry the envelope and message.
    log.error({ outboxId: id, error: error instanceof Error ? error.message.slice(0, 200) : "unknown error" }, "SMTP delivery failed; the message stays in the outbox");
  }
}

/**
 * Sends one stored outbox message over SMTP (the alert worker's delivery job); throws when delivery
 * fails so the job is retried. A message already sent is not sent again.
 */
export async function deliverOutboxEmail(id: string): Promise<"sent" | "already-sent" | "no-smtp"> {
  if (!env.SMTP_URL) return "no-smtp";
  const row = await db.outboxEmail.findUnique({ where: { id }, select: { to: true, subject: true, text: true, html: true, headers: true, sentAt: true } });
  if (!row || row.sentAt) return "already-sent";
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  const headers = (row.headers ?? undefined) as Record<string, string> | undefined;
  await transport.sendMail({ from: env.MAIL_FROM, to: row.to, subject: row.subject, text: row.text, html: row.html ?? undefined, headers });
  await db.outboxEmail.update({ where: { id }, data: { sentAt: new Date() } });
  return "sent";
}

export function listOutbox(limit = 50) {
  return db.outboxEmail.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, text: true, headers: true, sentAt: true, createdAt: true },
  });
}
