import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { Alert } from "@/components/ui/alert";
import { confirmRepresentation } from "@/lib/representatives/representation";

export const metadata: Metadata = { title: "Confirm you represent an organisation", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ConfirmRepresentativePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const org = typeof token === "string" && token ? await confirmRepresentation(token) : null;
  return (
    <AuthCard title="Confirm you represent an organisation">
      {org ? (
        <>
          <Alert tone="success" testId="confirm-result">You now represent {org.name} on CallerCheck.</Alert>
          <p className="mt-6">
            <Link href={`/organisations/${org.slug}/manage`}>Manage {org.name}</Link>
          </p>
        </>
      ) : (
        <Alert tone="error" testId="confirm-result">This link has expired, was already used, or the request was withdrawn. Ask again from the organisation&apos;s page.</Alert>
      )}
    </AuthCard>
  );
}
