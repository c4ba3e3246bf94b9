import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { verifyUnsubscribeToken } from "@/lib/alerts/unsubscribe-token";
import { UnsubscribeForm } from "./unsubscribe-form";

export const metadata: Metadata = { title: "Unsubscribe from alerts", robots: { index: false } };
export const dynamic = "force-dynamic";

// Opened from the link in an alert e-mail, signed in or not. The button unsubscribes; opening the
// page changes nothing (mail scanners open links).
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const target = verifyUnsubscribeToken(value);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">Unsubscribe from alerts</h1>
      {target ? (
        <>
          <p className="text-slate-700">
            {target.watchKey === "all"
              ? "Stop all alert e-mail from CallerCheck (the daily digest and every watch)?"
              : "Stop e-mail about this watch? You keep watching it, and its alerts still appear under What's new on your account page."}
          </p>
          <UnsubscribeForm token={value} />
        </>
      ) : (
        <Alert tone="error" testId="unsubscribe-invalid">
          This unsubscribe link is not valid. Open it exactly as it appears in the e-mail, or change your alerts on your account page.
        </Alert>
      )}
      <p className="text-sm text-slate-600">
        You can also choose &ldquo;At once&rdquo;, &ldquo;Daily digest&rdquo; or pause all e-mail under <Link href="/account#alerts">Alerts on your account page</Link>.
      </p>
    </div>
  );
}
