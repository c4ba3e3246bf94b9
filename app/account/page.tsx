import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { MY_REPORTS_PAGE } from "@/lib/accounts/my-data";
import { getActor } from "@/lib/accounts/authz";
import { hasPassword } from "@/lib/accounts/sign-up";
import { formatDate } from "@/lib/display/format";
import { ROLES } from "@/lib/display/labels";
import { ApiKeys } from "./api-keys";
import { ChangePasswordForm } from "./change-password-form";
import { DeleteAccountForm } from "./delete-account-form";
import { MyOrganisations } from "./my-organisations";
import { MyReports } from "./my-reports";
import { MyWatches } from "./my-watches";
import { Alerts, WhatsNew } from "./alerts";
import { resendConfirmationAction, signOutEverywhereAction } from "./actions";
import { ButtonForm } from "./button-form";
import { AccountSection } from "./section";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ welcome?: string; reports?: string; password?: string }> }) {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=/account");
  const { welcome, reports, password } = await searchParams;
  // "Show more" grows the list a page at a time; lib/reports/member-reports.ts caps it at 200.
  const asked = Number.parseInt(reports ?? "", 10);
  const take = Number.isFinite(asked) ? Math.min(Math.max(asked, MY_REPORTS_PAGE), 200) : MY_REPORTS_PAGE;
  const passwordSet = await hasPassword(actor.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Your account</h1>
      {welcome ? (
        <Alert tone="success" testId="welcome">Welcome to CallerCheck, {actor.name}. We have e-mailed you a link to confirm your address.</Alert>
      ) : null}
      {actor.suspendedAt ? <Alert tone="error">Your account is suspended: you can read, but not report, vote or comment.</Alert> : null}
      <AccountSection id="profile" title="Profile">
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
            <ButtonForm action={resendConfirmationAction} label="Send a new confirmation link" pendingText="Sending…" />
          </div>
        ) : null}
      </AccountSection>
      <MyOrganisations userId={actor.id} />
      <MyReports userId={actor.id} take={take} step={MY_REPORTS_PAGE} />
      <WhatsNew userId={actor.id} />
      <MyWatches userId={actor.id} />
      <Alerts userId={actor.id} />
      <ApiKeys userId={actor.id} />
      <AccountSection id="export" title="Export my data">
        <p className="text-sm text-slate-600">
          Download everything you wrote or set here as one JSON file: your profile, reports, comments, votes, flags and watched numbers.
        </p>
        <a href="/account/export" download className={buttonClass("secondary", "mt-4 w-full sm:w-auto")}>
          Download my data
        </a>
      </AccountSection>
      <AccountSection id="password" title="Password">
        {passwordSet ? (
          <>
            {password === "changed" ? (
              <div className="mb-4">
                <Alert tone="success" testId="password-changed">
                  Your password is changed. Every other device is signed out.
                </Alert>
              </div>
            ) : null}
            <p className="mb-4 text-sm text-slate-600">Changing it signs your account out on every other device; you stay signed in here.</p>
            <ChangePasswordForm email={actor.email} />
          </>
        ) : (
          <p className="text-sm text-slate-600">You sign in through another service (GitHub or Google), so there is no CallerCheck password to change.</p>
        )}
      </AccountSection>
      <AccountSection id="sessions" title="Signed-in devices">
        <p className="text-sm text-slate-600">
          Lost a phone, or signed in on a shared computer? This signs your account out everywhere, including here. Resetting your password does the same, and changing it does everywhere but here.
        </p>
        <ButtonForm action={signOutEverywhereAction} label="Sign out of all devices" pendingText="Signing out…" className="mt-4" />
      </AccountSection>
      <AccountSection id="delete" title="Delete my account" className="border-red-200">
        <div className="space-y-2 text-sm text-slate-600">
          <p>This cannot be undone. When you delete your account:</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>your name and e-mail are removed and you are signed out; you cannot sign in again;</li>
            <li>your votes and watched numbers are removed, and your comments are deleted;</li>
            <li>your reports stay, as evidence for everyone else, shown as from &ldquo;Deleted member&rdquo;.</li>
          </ul>
        </div>
        <div className="mt-4 border-t border-slate-100 pt-4">
          {actor.suspendedAt ? (
            <p className="text-sm text-slate-600">A suspended account cannot be deleted here. Contact the moderators.</p>
          ) : (
            <DeleteAccountForm email={actor.email} />
          )}
        </div>
      </AccountSection>
    </div>
  );
}
