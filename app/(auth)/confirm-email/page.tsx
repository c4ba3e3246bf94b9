import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { Alert } from "@/components/ui/alert";
import { confirmEmail } from "@/lib/accounts/sign-up";

export const metadata: Metadata = { title: "Confirm your e-mail", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  // ?token=a&token=b arrives as an array: not a link we sent.
  const confirmed = typeof token === "string" && token ? await confirmEmail(token) : false;
  return (
    <AuthCard title="Confirm your e-mail">
      {confirmed ? (
        <Alert tone="success" testId="confirm-result">Thank you — your e-mail address is confirmed.</Alert>
      ) : (
        <Alert tone="error" testId="confirm-result">This confirmation link has expired or was already used. Sign in and ask for a new one from your account page.</Alert>
      )}
      <p className="mt-6"><Link href="/">Look up a number</Link></p>
    </AuthCard>
  );
}
