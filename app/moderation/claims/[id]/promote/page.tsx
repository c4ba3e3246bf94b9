import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getClaimForModeration } from "@/lib/registry/candidates";
import { formatE164 } from "@/lib/numbers/phone";
import { ActionForm } from "../../../action-form";
import { promoteAction } from "../../../actions";
import { EvidenceFields } from "../../../evidence-fields";
import { moderatorOrForbidden } from "../../../guard";
import { PageHeader } from "../../../ui";

export const metadata: Metadata = { title: "Promote into the registry", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function PromotePage({ params }: { params: Promise<{ id: string }> }) {
  await moderatorOrForbidden();
  const { id } = await params;
  const claim = await getClaimForModeration(id);
  if (!claim) notFound();
  const number = formatE164(claim.e164);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="Promote into the registry"
        intro={
          <p>
            <Link href={`/numbers/${encodeURIComponent(claim.e164)}`}>{number.national}</Link> as an official outbound number of{" "}
            {claim.organisation ? <Link href={`/organisations/${claim.organisation.slug}`}>{claim.organisation.name}</Link> : "no organisation"}. {claim.legitVotes} members voted legitimate,{" "}
            {claim.notLegitVotes} not; {claim.reportCount} reports.
          </p>
        }
      />
      {claim.status !== "UNVERIFIED" ? <Alert tone="warning">This claim is {claim.status.toLowerCase()}: only unverified claims can be promoted.</Alert> : null}
      {!claim.organisation ? <Alert tone="warning">This claim names no organisation, so it cannot go into the registry.</Alert> : null}
      <Card title="Evidence">
        <ActionForm action={promoteAction} submitLabel="Promote to the registry" pendingText="Promoting…" labels={{ method: "Method", source: "Source URL", reviewAt: "Review date" }} className="space-y-4">
          <input type="hidden" name="claimId" value={claim.id} />
          <EvidenceFields idPrefix="promote" />
        </ActionForm>
      </Card>
    </div>
  );
}
