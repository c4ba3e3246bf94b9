import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Account deleted", robots: { index: false } };

export default function AccountDeletedPage() {
  return (
    <div className="mx-auto max-w-lg">
      <Card>
        <h1 className="text-2xl font-bold text-slate-900">Your account has been deleted</h1>
        <p className="mt-3 text-slate-600" role="status" data-testid="account-deleted">
          You have been signed out. Your name and e-mail are gone, your votes and watches were removed and your comments deleted.
          The calls you reported stay on their numbers&apos; pages as from &ldquo;Deleted member&rdquo;.
        </p>
        <Link href="/" className={buttonClass("primary", "mt-5 w-full sm:w-auto")}>Back to CallerCheck</Link>
      </Card>
    </div>
  );
}
