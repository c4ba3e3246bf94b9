import "server-only";
import nodemailer from "nodemailer";
import { db } from "./db";
import { env, isDevPagesEnabled } from "./env";
import { redactLinks } from "./redact";

export type Mail = { to: string; subject: string; text: string };

let transport: nodemailer.Transporter | undefined;

/**
 * The only way the app sends e-mail. Every message is kept in the outbox table, but a live link
 * (confirmation, password reset) is kept only where development pages are on (development, and
 * end-to-end tests through ENABLE_DEV_PAGES, which read the links from /dev/outbox): in production
 * the stored text is redacted, so whoever reads the database or a backup cannot take over an account.
 * The message goes out over SMTP when SMTP_URL is set, from memory with its live link. Without SMTP
 * only development prints the message; production logs name the subject, never the body.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const stored = { ...mail, text: isDevPagesEnabled ? mail.text : redactLinks(mail.text) };
  const row = await db.outboxEmail.create({ data: stored, select: { id: true } });
  if (!env.SMTP_URL) {
    if (env.NODE_ENV === "development") console.info(`[mail] to=${mail.to} subject=${JSON.stringify(mail.subject)}\n${mail.text}`);
    else if (env.NODE_ENV !== "test") console.info(`[mail] kept in the outbox, not sent (SMTP_URL is not set): subject=${JSON.stringify(mail.subject)}`);
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
    console.error(`[mail] SMTP delivery failed; the message stays in the outbox unsent: ${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}`);
  }
}

export function listOutbox(limit = 50) {
  return db.outboxEmail.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, text: true, sentAt: true, createdAt: true },
  });
}
