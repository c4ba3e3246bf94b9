import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getActor } from "@/lib/authz";
import { formatDate } from "@/lib/format";
import { ROLES } from "@/lib/labels";
import { ResendConfirmation } from "./resend-confirmation";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=/account");
  const { welcome } = await searchParams;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Your account</h1>
      {welcome ? (
        <Alert tone="success" testId="welcome">Welcome to CallerCheck, {actor.name}. We have e-mailed you a link to confirm your address.</Alert>
      ) : null}
      {actor.suspendedAt ? <Alert tone="error">Your account is suspended: you can read, but not report, vote or comment.</Alert> : null}
      <Card title="Profile">
        <dl className="grid gap-3 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-slate-500">Display name</dt>
          <dd>{actor.name}</dd>
          <dt className="font-medium text-slate-500">E-mail</dt>
          <dd>
            {actor.email}{" "}
            {actor.emailVerified ? (
              <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800" data-testid="email-status">Confirmed</span>
            ) : (
              <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" data-testid="email-status">Not confirmed</span>
            )}
          </dd>
          <dt className="font-medium text-slate-500">Role</dt>
          <dd>{ROLES[actor.role]}</dd>
          <dt className="font-medium text-slate-500">Member since</dt>
          <dd>{formatDate(actor.createdAt)}</dd>
        </dl>
        {!actor.emailVerified ? (
          <div className="mt-4 border-t border-slate-100 pt-4 text-sm text-slate-600">
            <p>Until you confirm your e-mail, your votes count as a new member&apos;s.</p>
            <ResendConfirmation />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
