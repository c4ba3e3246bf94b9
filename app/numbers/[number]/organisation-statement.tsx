import Link from "next/link";
import { formatDate } from "@/lib/display/format";
import { getCachedOrganisationVoice } from "@/lib/numbers/public-page";
import { OrganisationVoiceSection } from "./statement-forms";

/**
 * The organisations' own voice on a number page: "published by <organisation>" (with its label and
 * retirement date), a retirement notice, each claimed organisation's one-line calling policy, and
 * statements written by their representatives (plain text, labelled as the organisation's). The same for
 * everyone; a representative's statement forms are filled in by OrganisationVoiceSection.
 */
export async function OrganisationStatement({ e164, namedId, stamp }: { e164: string; namedId?: string | null; stamp: string }) {
  const voice = await getCachedOrganisationVoice(e164);
  // The organisation the verdict names already has its policy line in the banner.
  const organisations = voice.organisations.map((org) => (org.id === namedId ? { ...org, policy: null } : org));
  const lines = organisations.filter((org) => org.published || org.retired || org.policy);
  // With nothing to say yet, the section appears only for a representative (OrganisationVoiceSection).
  const said = lines.length > 0 || voice.statements.length > 0;
  return (
    <OrganisationVoiceSection e164={e164} stamp={stamp} said={said}>
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
    </OrganisationVoiceSection>
  );
}
