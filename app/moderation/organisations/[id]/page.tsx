import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { ORG_CATEGORIES, ORG_CATEGORY_KEYS } from "@/lib/display/labels";
import { getOrganisationForEdit, listActiveOrganisationOptions } from "@/lib/organisations/admin";
import { plural } from "@/lib/display/format";
import { formatE164 } from "@/lib/numbers/phone";
import { ActionForm } from "../../action-form";
import { activateOrganisationAction, editOrganisationAction, mergeOrganisationAction } from "../../actions";
import { moderatorOrForbidden } from "../../guard";
import { OrganisationSelect } from "../../organisation-select";
import { PageHeader, Pill, ReasonField } from "../../ui";

export const metadata: Metadata = { title: "Edit organisation — moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

const LABELS = {
  name: "Name",
  category: "Category",
  country: "Country",
  website: "Website",
  officialPhone: "Official callback number",
  policyCallsFrom: "Calls from",
  policyMayAsk: "May ask for",
  policyNeverAsks: "Never asks for",
  policyHowToVerify: "How to check a call is real",
  reason: "Reason",
};

function Text({ id, label, value, area = false, hint }: { id: keyof typeof LABELS; label: string; value: string | null; area?: boolean; hint?: string }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={`org-${id}`} className="block text-sm font-medium text-slate-800">{label}</label>
      {area ? (
        <textarea id={`org-${id}`} name={id} defaultValue={value ?? ""} rows={3} maxLength={1000} className={inputClass} />
      ) : (
        <input id={`org-${id}`} name={id} defaultValue={value ?? ""} className={inputClass} aria-describedby={hint ? `org-${id}-hint` : undefined} />
      )}
      {hint ? <p id={`org-${id}-hint`} className="text-sm text-slate-500">{hint}</p> : null}
    </div>
  );
}

export default async function EditOrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  await moderatorOrForbidden();
  const { id } = await params;
  const [org, options] = await Promise.all([getOrganisationForEdit(id), listActiveOrganisationOptions()]);
  if (!org) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={org.name}
        intro={
          <p className="flex flex-wrap items-center gap-2">
            <Pill tone={org.status === "ACTIVE" ? "good" : "warn"}>{org.status === "ACTIVE" ? "Active" : org.status === "PROPOSED" ? "Proposed" : "Merged"}</Pill>
            {plural(org.reportCount, "report")} · {plural(org.verifiedNumberCount, "verified number")}
            {org.proposedBy ? ` · proposed by ${org.proposedBy.name}` : ""}
            {org.status !== "PROPOSED" ? <Link href={`/organisations/${org.slug}`}>Public page</Link> : null}
          </p>
        }
      />
      {org.status === "MERGED" ? (
        <Alert tone="info">Merged into {org.mergedInto ? <Link href={`/organisations/${org.mergedInto.slug}`}>{org.mergedInto.name}</Link> : "another organisation"}.</Alert>
      ) : (
        <>
          {org.status === "PROPOSED" ? (
            <Card title="Proposal">
              <div className="grid gap-4 md:grid-cols-2">
                <ActionForm action={activateOrganisationAction} submitLabel="Activate" className="space-y-2 rounded-lg border border-slate-100 p-3">
                  <p className="text-sm text-slate-600">A real organisation that is not listed yet.</p>
                  <input type="hidden" name="organisationId" value={org.id} />
                  <ReasonField id="activate-reason" />
                </ActionForm>
                <ActionForm action={mergeOrganisationAction} submitLabel="Merge" variant="secondary" labels={{ targetId: "Merge into", reason: "Reason" }} className="space-y-2 rounded-lg border border-slate-100 p-3">
                  <p className="text-sm text-slate-600">A duplicate: its claims and reports move to the one you choose.</p>
                  <input type="hidden" name="organisationId" value={org.id} />
                  <OrganisationSelect id="merge-target" name="targetId" label="Merge into" options={options} exclude={org.id} />
                  <ReasonField id="merge-reason" />
                </ActionForm>
              </div>
            </Card>
          ) : null}
          <Card title="Details, callback number and calling policy">
            <ActionForm action={editOrganisationAction} submitLabel="Save changes" labels={LABELS} className="space-y-4">
              <input type="hidden" name="organisationId" value={org.id} />
              <Text id="name" label="Name" value={org.name} />
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="space-y-1.5">
                  <label htmlFor="org-category" className="block text-sm font-medium text-slate-800">Category</label>
                  <select id="org-category" name="category" defaultValue={org.category} className={inputClass}>
                    {ORG_CATEGORY_KEYS.map((key) => (
                      <option key={key} value={key}>{ORG_CATEGORIES[key]}</option>
                    ))}
                  </select>
                </div>
                <Text id="country" label="Country" value={org.country} hint="Two letters, such as AU." />
              </div>
              <Text id="website" label="Website" value={org.website} />
              <Text id="officialPhone" label="Official callback number" value={org.officialPhone ? formatE164(org.officialPhone).national : null} hint="Where people should call to check a call was real. Impersonation warnings quote it." />
              <Text id="policyCallsFrom" label="Calls from" value={org.policyCallsFrom} area />
              <Text id="policyMayAsk" label="May ask for" value={org.policyMayAsk} area />
              <Text id="policyNeverAsks" label="Never asks for" value={org.policyNeverAsks} area />
              <Text id="policyHowToVerify" label="How to check a call is real" value={org.policyHowToVerify} area />
              <ReasonField id="edit-reason" />
            </ActionForm>
          </Card>
        </>
      )}
    </div>
  );
}
