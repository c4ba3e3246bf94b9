import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { oauthProviders, signIn } from "@/lib/accounts/auth";
import { getActor } from "@/lib/accounts/authz";
import { safeCallbackUrl } from "@/lib/accounts/safe-redirect";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reason?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  const providers = [
    ...(oauthProviders.github ? [{ id: "github", label: "Continue with GitHub" }] : []),
    ...(oauthProviders.google ? [{ id: "google", label: "Continue with Google" }] : []),
  ];
  return (
    <AuthCard
      title="Sign in"
      intro={params.reason ? <p>{params.reason === "report" ? "Sign in to report a call. What you typed is kept." : params.reason === "signed-out-everywhere" ? "You are signed out on every device." : "Sign in to continue."}</p> : null}
      footer={<>New to CallerCheck? <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link></>}
    >
      <SignInForm callbackUrl={callbackUrl} />
      {providers.length ? (
        <div className="mt-6 space-y-2 border-t border-slate-200 pt-6">
          {providers.map((provider) => (
            <form
              key={provider.id}
              action={async () => {
                "use server";
                await signIn(provider.id, { redirectTo: callbackUrl });
              }}
            >
              <button type="submit" className="w-full rounded-lg px-4 py-2.5 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50">
                {provider.label}
              </button>
            </form>
          ))}
        </div>
      ) : null}
    </AuthCard>
  );
}
