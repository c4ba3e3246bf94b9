import type { Metadata } from "next";
import { firstParam, type RawParams } from "@/lib/platform/search-params";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { EVIDENCE_METHODS } from "@/lib/display/labels";
import { formatDate } from "@/lib/display/format";
import { listActiveOrganisationOptions } from "@/lib/organisations/admin";
import { listRegistry } from "@/lib/registry/feed";
import { ActionForm } from "../action-form";
import { addEntryAction, rejectNumberAction } from "../actions";
import { EvidenceFields } from "../evidence-fields";
import { moderatorOrForbidden } from "../guard";
import { OrganisationSelect } from "../organisation-select";
import { RevokeButton } from "../revoke-button";
import { Empty, NumberLink, PageHeader, ReasonField } from "../ui";
import { readableNumber } from "@/lib/numbers/display";

export const metadata: Metadata = { title: "Registry — moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ModerationRegistryPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  await moderatorOrForbidden();
  const q = firstParam((await searchParams).q) ?? "";
  const [entries, organisations] = await Promise.all([listRegistry({ q: q.slice(0, 100) }, { fresh: true }), listActiveOrganisationOptions()]);
  return (
    <div className="space-y-6">
      <PageHeader title="Registry" intro={<p>Verified outbound numbers. Revoke an entry when it stops being true; the public feed reports the revocation.</p>} />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="entries-heading" className="space-y-3">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
            <h2 id="entries-heading" className="text-lg font-semibold">
              Entries ({entries.length})
            </h2>
            <form className="flex gap-2" role="search">
              <label htmlFor="registry-q" className="sr-only">
                Search the registry
              </label>
              <input id="registry-q" name="q" defaultValue={q} placeholder="Number or organisation" className={`${inputClass} py-2`} />
              <button type="submit" className="rounded-lg px-3 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50">
                Search
              </button>
            </form>
          </div>
          {entries.length === 0 ? <Empty>No entries match.</Empty> : null}
          <ul className="space-y-3">
            {entries.map((entry) => (
              <li key={entry.id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-start sm:justify-between" data-testid="registry-entry" data-e164={entry.e164}>
                <div className="min-w-0 text-sm">
                  <p className="text-base">
                    <NumberLink e164={entry.e164} /> · <Link href={`/organisations/${entry.organisation.slug}`}>{entry.organisation.name}</Link>
                  </p>
                  <p className="mt-1 text-slate-600">
                    {entry.evidence.method ? EVIDENCE_METHODS[entry.evidence.method] : "No method recorded"}
                    {entry.evidence.source ? <span className="block text-slate-500 [overflow-wrap:anywhere]">{entry.evidence.source}</span> : null}
                  </p>
                  <p className="mt-1 text-xs text-slate-500">
                    Verified by {entry.verifiedBy ?? "a former moderator"}
                    {entry.verifiedAt ? ` on ${formatDate(entry.verifiedAt)}` : ""}
                    {entry.reviewAt ? ` · review by ${formatDate(entry.reviewAt)}` : ""}
                  </p>
                </div>
                <RevokeButton claimId={entry.id} label={`${readableNumber(entry.e164)} for ${entry.organisation.name}`} />
              </li>
            ))}
          </ul>
        </section>
        <div className="space-y-6">
          <Card title="Add registry entry" headingLevel={2}>
            <ActionForm action={addEntryAction} submitLabel="Add to the registry" labels={{ number: "Number", organisationId: "Organisation", method: "Method", source: "Source URL", reviewAt: "Review date" }} className="space-y-4">
              <div className="space-y-1.5">
                <label htmlFor="add-number" className="block text-sm font-medium text-slate-800">
                  Number
                </label>
                <input id="add-number" name="number" required inputMode="tel" autoComplete="off" placeholder="02 7010 1234 or +61…" className={inputClass} />
              </div>
              <OrganisationSelect id="add-org" options={organisations} />
              <EvidenceFields idPrefix="add" />
            </ActionForm>
          </Card>
          <Card title="Mark a known impersonation" headingLevel={2}>
            <p className="mb-3 text-sm text-slate-600">Number pages then warn that this number is not the organisation's and give its official number.</p>
            <ActionForm action={rejectNumberAction} submitLabel="Mark as impersonation" variant="danger" labels={{ number: "Number", organisationId: "Organisation", reason: "Reason" }} className="space-y-4">
              <div className="space-y-1.5">
                <label htmlFor="reject-number" className="block text-sm font-medium text-slate-800">
                  Number
                </label>
                <input id="reject-number" name="number" required inputMode="tel" autoComplete="off" className={inputClass} />
              </div>
              <OrganisationSelect id="reject-org" options={organisations} />
              <ReasonField id="reject-reason" />
            </ActionForm>
          </Card>
        </div>
      </div>
    </div>
  );
}
