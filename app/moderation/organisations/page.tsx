import type { Metadata } from "next";
import { firstParam, type RawParams } from "@/lib/platform/search-params";
import Link from "next/link";
import { inputClass } from "@/components/ui/field";
import { ORG_CATEGORIES } from "@/lib/display/labels";
import { countProposedOrganisations, listProposedOrganisations, searchOrganisationsForModeration } from "@/lib/organisations/admin";
import { plural } from "@/lib/display/format";
import { moderatorOrForbidden } from "../guard";
import { Empty, PageHeader, Pill, QueuePages, When } from "../ui";
import { readableNumber } from "@/lib/numbers/display";
import { QUEUE_PAGE_SIZE, queuePage } from "@/lib/platform/queue-pages";

export const metadata: Metadata = { title: "Organisations — moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ModerationOrganisationsPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  await moderatorOrForbidden();
  const params = await searchParams;
  const q = firstParam(params.q) ?? "";
  const after = firstParam(params.after);
  const [rows, waiting, found] = await Promise.all([
    listProposedOrganisations(QUEUE_PAGE_SIZE + 1, after),
    countProposedOrganisations(),
    q ? searchOrganisationsForModeration(q.slice(0, 100)) : Promise.resolve([]),
  ]);
  const { items: proposed, next } = queuePage(rows);
  return (
    <div className="space-y-8">
      <PageHeader title="Organisations" intro={<p>Activate or merge organisations members proposed, and keep official callback numbers and calling policies current.</p>} />
      <section aria-labelledby="proposed-heading" className="space-y-3">
        <h2 id="proposed-heading" className="text-lg font-semibold">
          Proposed organisations ({waiting.toLocaleString("en-AU")} waiting)
        </h2>
        {proposed.length === 0 && !after ? <Empty>No proposals waiting. Organisations members name in a report that are not listed yet appear here.</Empty> : null}
        <ul className="grid gap-3 md:grid-cols-2">
          {proposed.map((org) => (
            <li key={org.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="proposed-org">
              <Link href={`/moderation/organisations/${org.id}`} className="font-semibold">{org.name}</Link>
              <p className="mt-1 text-sm text-slate-600">
                {ORG_CATEGORIES[org.category]}
                {org.country ? ` · ${org.country}` : ""}
                {org.website ? ` · ${org.website}` : ""}
              </p>
              <p className="mt-1 text-xs text-slate-500">
                Proposed by {org.proposedBy?.name ?? "a former member"} <When date={org.createdAt} /> · {plural(org.reportCount, "report")} · {plural(org._count.claims, "claim")}
              </p>
            </li>
          ))}
        </ul>
        <QueuePages path="/moderation/organisations" after={after} next={next} keep={{ q: q || undefined }} shown={proposed.length} />
      </section>
      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-lg font-semibold">Edit an organisation</h2>
        <form className="flex max-w-lg gap-2" role="search">
          <label htmlFor="org-q" className="sr-only">Find an organisation</label>
          <input id="org-q" name="q" defaultValue={q} placeholder="Name, acronym or domain" className={inputClass} />
          {after ? <input type="hidden" name="after" value={after} /> : null}
          <button type="submit" className="rounded-lg px-4 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50">Find</button>
        </form>
        {q && found.length === 0 ? <Empty>No organisation matches “{q}”.</Empty> : null}
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
          {found.map((org) => (
            <li key={org.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <div>
                <Link href={`/moderation/organisations/${org.id}`} className="font-semibold">{org.name}</Link>{" "}
                {org.status === "PROPOSED" ? <Pill tone="warn">Proposed</Pill> : null}
                <p className="text-sm text-slate-500">
                  {ORG_CATEGORIES[org.category]} · {plural(org.verifiedNumberCount, "verified number")} · callback {org.officialPhone ? readableNumber(org.officialPhone) : "not set"}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
