import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isDevPagesEnabled } from "@/lib/platform/env";
import { formatDateTime } from "@/lib/display/format";
import { listOutbox } from "@/lib/platform/mail";

export const metadata: Metadata = { title: "Outbox (development)", robots: { index: false } };
export const dynamic = "force-dynamic";

// Development only: e-mail that would have been sent, with its links, since no mail server is configured.
export default async function OutboxPage() {
  if (!isDevPagesEnabled) notFound();
  const messages = await listOutbox();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Outbox</h1>
      <p className="text-slate-600">Development only. Messages are listed newest first; with SMTP_URL set they are also delivered.</p>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      <ul className="space-y-4">
        {messages.map((message) => (
          <li key={message.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="outbox-message">
            <p className="text-sm text-slate-500">{formatDateTime(message.createdAt)} · to <span data-testid="outbox-to">{message.to}</span></p>
            <h2 className="font-semibold">{message.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap break-all font-sans text-sm text-slate-800">{message.text}</pre>
            {message.headers && typeof message.headers === "object" ? (
              <dl className="mt-2 text-xs text-slate-500" data-testid="outbox-headers">
                {Object.entries(message.headers as Record<string, string>).map(([name, value]) => (
                  <div key={name} className="break-all"><dt className="inline font-semibold">{name}:</dt> <dd className="inline">{String(value)}</dd></div>
                ))}
              </dl>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
