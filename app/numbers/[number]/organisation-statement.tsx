import Link from "next/link";
import { ResultForm } from "@/components/result-form";
import { TextareaField } from "@/components/ui/field";
import type { Actor } from "@/lib/accounts/authz";
import { formatDate } from "@/lib/display/format";
import { listOrganisationsSpeakingOn } from "@/lib/representatives/representation";
import { getCachedOrganisationVoice } from "@/lib/numbers/public-page";
import { postStatementAction } from "./statement-actions";

/**
 * The organisations' own voice on a number page: "published by <organisation>" (with its label and
 * retirement date), a retirement notice, each claimed organisation's one-line calling policy, and
 * statements written by their representatives (plain text, labelled as the organisation's).
 */
export async function OrganisationStatement({ e164, actor, namedId }: { e164: string; actor: Actor | null; namedId?: string | null }) {
  const [voice, speaksFor] = await Promise.all([getCachedOrganisationVoice(e164), actor && !actor.suspendedAt ? listOrganisationsSpeakingOn(actor.id, e164) : Promise.resolve([])]);
  // The organisation the verdict names already has its policy line in the banner.
  const organisations = voice.organisations.map((org) => (org.id === namedId ? { ...org, policy: null } : org));
  const lines = organisations.filter((org) => org.published || org.retired || org.policy);
  if (lines.length === 0 && voice.statements.length === 0 && speaksFor.length === 0) return null;
  return (
    <section aria-labelledby="org-voice-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="organisation-voice">
      <h2 id="org-voice-heading" className="text-lg font-semibold text-slate-900">
        What the organisation says
      </h2>
      <ul className="mt-3 space-y-2">
        {lines.map((org) => (
          <li key={org.id} className="space-y-1">
            {org.published ? (
              <p className="font-medium text-emerald-900" data-testid="published-by">
                This number is published by <Link href={`/organisations/${org.slug}`}>{org.name}</Link>
                {org.label ? <> ({org.label})</> : null}
                {org.retiresAt ? <>, until {formatDate(org.retiresAt)}</> : null}.
              </p>
            ) : null}
            {org.retired ? <p className="text-amber-900" data-testid="retired">{org.retired}: it is no longer one of {org.name}&apos;s numbers.</p> : null}
            {org.policy ? <p className="text-slate-700" data-testid="policy-line">{org.policy}</p> : null}
          </li>
        ))}
      </ul>
      {voice.statements.map((statement) => (
        <blockquote key={statement.id} className="mt-4 rounded-lg border-l-4 border-brand-600 bg-slate-50 p-3" data-testid="organisation-statement">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            Statement from <Link href={`/organisations/${statement.organisation.slug}`}>{statement.organisation.name}</Link> · written by its verified representative ·{" "}
            {formatDate(statement.updatedAt)}
          </p>
          <p className="mt-1 whitespace-pre-line break-words text-slate-900">{statement.body}</p>
        </blockquote>
      ))}
      {speaksFor.map((org) => (
        <div key={org.id} className="mt-4 border-t border-slate-100 pt-4">
          <ResultForm action={postStatementAction} submitLabel={`Post statement as ${org.name}`} pendingText="Posting…" labels={{ body: "Statement" }} testId="statement-form">
            <input type="hidden" name="organisationId" value={org.id} />
            <input type="hidden" name="e164" value={e164} />
            <TextareaField id={`statement-${org.id}`} name="body" label={`Statement as ${org.name} (one per number; posting again replaces it)`} rows={3} maxLength={1000} />
          </ResultForm>
        </div>
      ))}
    </section>
  );
}
