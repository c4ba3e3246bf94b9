import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ResultForm } from "@/components/result-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { InputField, TextareaField } from "@/components/ui/field";
import { getActor } from "@/lib/accounts/authz";
import { getOrganisationForRepresentation, getRepresentationStatus } from "@/lib/representatives/representation";
import { requestRepresentationAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Represent an organisation", robots: { index: false } };

export default async function RepresentPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const org = await getOrganisationForRepresentation(decodeURIComponent(slug));
  if (!org) notFound();
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/organisations/${slug}/represent`)}`);
  const status = await getRepresentationStatus(actor.id, org.id);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p className="text-sm">
        <Link href={`/organisations/${slug}`}>← {org.name}</Link>
      </p>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Represent {org.name}</h1>
      {status?.status === "ACTIVE" ? (
        <Alert tone="success">
          You represent {org.name}. <Link href={`/organisations/${slug}/manage`}>Open the console</Link>
        </Alert>
      ) : status?.status === "PENDING" ? (
        <Alert tone="info">Your request is waiting: open the link we e-mailed to {status.email}, or wait for a moderator.</Alert>
      ) : null}
      <Card>
        <p className="mb-4 text-slate-700">
          Representatives publish {org.name}&apos;s outbound numbers and calling policy, reply as {org.name} and record calls customers can check. We confirm you
          with a link sent to your work address{org.domains.length ? <> at {org.domains.join(", ")}</> : null}; if you have none, tell a moderator how to check.
        </p>
        <ResultForm action={requestRepresentationAction} submitLabel="Ask to represent" pendingText="Sending…" labels={{ email: "Work e-mail", evidence: "For a moderator" }} testId="represent-form">
          <input type="hidden" name="organisationId" value={org.id} />
          <InputField id="email" label="Work e-mail address" type="email" autoComplete="email" hint={org.domains.length ? `An address at ${org.domains.join(" or ")}.` : undefined} />
          <TextareaField id="evidence" label="Or: how can a moderator check you work there? (optional)" rows={3} maxLength={1000} />
        </ResultForm>
      </Card>
    </div>
  );
}
