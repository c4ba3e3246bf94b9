import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { getAlertSettings } from "@/lib/alerts/preferences";
import { formatDateTime } from "@/lib/display/format";
import { listWhatsNewAndMarkRead } from "@/lib/alerts/whats-new";
import { WATCH_LIMIT } from "@/lib/watches/limit";
import { PauseAlertsForm, WatchModeForm } from "./alert-forms";
import { AccountSection } from "./section";

/** "Alerts": per-watch e-mail choice and "Pause all e-mail". */
export async function Alerts({ userId }: { userId: string }) {
  const settings = await getAlertSettings(userId);
  return (
    <AccountSection id="alerts" title="Alerts">
      <div className="-mt-2 mb-4 space-y-2 text-sm text-slate-600">
        <p>
          We e-mail you about the numbers and organisations you watch: new reports, verdict and registry changes on a number; a number not on an
          organisation&apos;s verified list claiming to be it, a new verified number, a new callback number or calling policy. &ldquo;At once&rdquo;
          sends at most one e-mail per watch an hour; &ldquo;Daily digest&rdquo; sends one e-mail a day for all of them. You can watch up to {WATCH_LIMIT} numbers and organisations.
        </p>
        {!settings.emailConfirmed ? <Alert tone="warning">Confirm your e-mail address to receive alert e-mails. Until then they appear under What&apos;s new only.</Alert> : null}
        {settings.paused ? <Alert tone="warning" testId="alerts-paused">All alert e-mail is paused. What&apos;s new still lists every alert.</Alert> : null}
      </div>
      <PauseAlertsForm paused={settings.paused} />
      {settings.watches.length === 0 ? (
        <p className="mt-4 rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600" data-testid="no-alert-watches">
          You are not watching anything yet. Choose &ldquo;Watch this organisation&rdquo; on an organisation&apos;s page, or &ldquo;Watch this number&rdquo; on a number&apos;s page.
        </p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 border-t border-slate-100" data-testid="alert-watches">
          {settings.watches.map((watch) => (
            <li key={watch.watchKey} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4" data-testid="alert-watch">
              <div className="min-w-0 flex-1">
                <Link href={watch.href} className={watch.kind === "NUMBER" ? "font-mono font-semibold" : "font-semibold"}>{watch.label}</Link>
                <p className="text-sm text-slate-600">{watch.kind === "NUMBER" ? "Number" : "Organisation"}</p>
              </div>
              <WatchModeForm watchKey={watch.watchKey} label={watch.label} mode={watch.mode} />
            </li>
          ))}
        </ul>
      )}
    </AccountSection>
  );
}

/** "What's new": the same events as the e-mails; the ones shown are marked read. */
export async function WhatsNew({ userId }: { userId: string }) {
  const items = await listWhatsNewAndMarkRead(userId);
  return (
    <AccountSection id="whats-new" title="What's new">
      {items.length === 0 ? (
        <p className="rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600" data-testid="no-whats-new">
          Nothing new yet. Alerts about what you watch appear here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="whats-new">
          {items.map((item) => (
            <li key={item.id} className="py-3" data-testid="whats-new-item">
              <p className="text-sm text-slate-500">
                {formatDateTime(item.createdAt)}
                {item.unread ? <span className="ml-2 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-900">New</span> : null}
              </p>
              <Link href={item.href} className="text-slate-900">{item.text}</Link>
            </li>
          ))}
        </ul>
      )}
    </AccountSection>
  );
}
