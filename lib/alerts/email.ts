// Pure: one alert e-mail (an "at once" e-mail for one watch, or a daily digest). The plain-text part
// is the message; the HTML part is that same text escaped, with only the app's own links made
// clickable, so nothing anyone wrote can become markup.
import { describeEvent, eventPath, type AlertEventView } from "./kinds";

export type AlertEmailInput = {
  appUrl: string;
  to: string;
  name: string;
  digest: boolean;
  /** What the e-mail is about, e.g. "Harbour Health Insurance" or "+61 491 570 159" (ignored for a digest). */
  watchLabel: string;
  events: AlertEventView[];
  /** The one-click unsubscribe URL (RFC 8058 POST target) and the page a reader opens from the e-mail. */
  unsubscribePostUrl: string;
  unsubscribePageUrl: string;
};

export type BuiltEmail = { to: string; subject: string; text: string; html: string; headers: Record<string, string> };

const stripControl = (value: string) => value.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, " ").trim();

export function buildAlertEmail(input: AlertEmailInput): BuiltEmail {
  const base = input.appUrl.replace(/\/+$/, "");
  const count = input.events.length;
  const subject = stripControl(
    input.digest
      ? `CallerCheck: your daily digest (${count} ${count === 1 ? "update" : "updates"})`
      : `CallerCheck: ${count === 1 ? "new alert" : `${count} new alerts`} for ${input.watchLabel}`,
  ).slice(0, 200);
  const lines = input.events.map((event) => `- ${describeEvent(event)}\n  ${base}${eventPath(event)}`);
  const text = [
    `Hello ${stripControl(input.name) || "there"},`,
    "",
    input.digest ? "Here is what changed today on the numbers and organisations you watch:" : `Here is what changed on ${input.watchLabel}, which you watch:`,
    "",
    ...lines,
    "",
    `All your alerts: ${base}/account#whats-new`,
    `Change how often we e-mail you, or pause all e-mail: ${base}/account#alerts`,
    `Stop these e-mails${input.digest ? "" : ` for ${input.watchLabel}`}: ${input.unsubscribePageUrl}`,
    "",
    "— CallerCheck",
  ].join("\n");
  return {
    to: input.to,
    subject,
    text,
    html: textToHtml(text, base),
    headers: {
      "List-Unsubscribe": `<${input.unsubscribePostUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Escapes every line; a URL on our own site (and only that) becomes a link. */
export function textToHtml(text: string, appUrl: string): string {
  const own = new RegExp(`(${appUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/[^\\s<>"']*)`, "g");
  const body = text
    .split("\n")
    .map((line) => {
      const parts = line.split(own);
      return parts.map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part))).join("");
    })
    .join("<br>\n");
  return `<!doctype html><html><body style="font-family:sans-serif;font-size:15px;line-height:1.5">${body}</body></html>`;
}
