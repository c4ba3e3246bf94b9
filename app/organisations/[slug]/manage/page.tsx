import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { ResultForm } from "@/components/result-form";
import { Card } from "@/components/ui/card";
import { InputField, TextareaField } from "@/components/ui/field";
import { canManageOrganisation, getActor } from "@/lib/accounts/authz";
import { formatDate, formatDateTime } from "@/lib/display/format";
import { EVIDENCE_METHODS } from "@/lib/display/labels";
import { formatE164 } from "@/lib/numbers/phone";
import { getOrganisationRef } from "@/lib/organisations/organisation";
import { listApiKeys, listRecentCalls } from "@/lib/representatives/calls";
import { getStructuredPolicy } from "@/lib/representatives/policy";
import { listOrganisationNumbers, listUnpublishedClaimedNumbers, retireDueNumbers } from "@/lib/representatives/publish";
import { MAX_PUBLISH_LINES, POLICY_QUESTION_KEYS, POLICY_QUESTIONS } from "@/lib/representatives/schema";
import { createApiKeyAction, publishNumbersAction, recordCallAction, revokeApiKeyAction, savePolicyAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { robots: { index: false } };

type Params = { params: Promise<{ slug: string }> };

const selectClass = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 sm:w-auto";

export default async function ManageOrganisationPage({ params }: Params) {
  const { slug } = await params;
  const org = await getOrganisationRef(decodeURIComponent(slug));
  if (!org) notFound();
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/organisations/${slug}/manage`)}`);
  // The page check is a convenience; every action checks again on the server.
  if (!(await canManageOrganisation(actor, org.id))) forbidden();
  await retireDueNumbers();
  const [numbers, unpublished, policy, calls, keys] = await Promise.all([
    listOrganisationNumbers(org.id),
    listUnpublishedClaimedNumbers(org.id),
    getStructuredPolicy(org.id),
    listRecentCalls(org.id),
    listApiKeys(org.id),
  ]);
  const hidden = (
    <>
      <input type="hidden" name="organisationId" value={org.id} />
      <input type="hidden" name="slug" value={slug} />
    </>
  );
  const answer = (value: boolean | null | undefined) => (value === true ? "yes" : value === false ? "no" : "");

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href={`/organisations/${slug}`}>← {org.name}</Link>
        </p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Manage {org.name}</h1>
        <p className="text-slate-600">What you publish here is shown publicly as {org.name}&apos;s own word, and every change is recorded.</p>
      </header>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card title="Publish numbers">
          <ResultForm action={publishNumbersAction} submitLabel="Publish numbers" pendingText="Publishing…" labels={{ label: "Label", retiresAt: "Retirement date" }} testId="publish-form">
            {hidden}
            <TextareaField id="numbers" label="Outbound numbers" rows={4} required hint={`One per line (up to ${MAX_PUBLISH_LINES}), as you would dial them, e.g. 02 7010 1234 or +61 2 7010 1234.`} />
            <InputField id="label" label="Label (optional)" maxLength={60} hint='What the number is for, e.g. "claims team".' />
            <InputField id="retiresAt" label="Retirement date (optional)" type="date" hint="On this date the numbers leave the registry and say so." />
          </ResultForm>
        </Card>

        <Card title="Record a call">
          <p className="mb-3 text-sm text-slate-600">
            Before or during a call, record the number you call from. Read the reference to the customer: they can check it once, within the hour, on your
            organisation page.
          </p>
          <ResultForm action={recordCallAction} submitLabel="Record a call" pendingText="Recording…" labels={{ from: "Called from" }} testId="record-call-form">
            {hidden}
            <InputField id="from" label="Number you are calling from" required inputMode="tel" autoComplete="off" />
          </ResultForm>
          {calls.length ? (
            <ul className="mt-4 divide-y divide-slate-100 text-sm" aria-label="Recent recorded calls">
              {calls.map((call) => (
                <li key={call.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span className="font-mono">{formatE164(call.fromE164).national}</span>
                  <span className="text-slate-600">
                    {formatDateTime(call.createdAt)} · {call.usedAt ? "checked by the customer" : call.expiresAt < new Date() ? "expired" : "not checked yet"}
                    {call.apiKey ? ` · via ${call.apiKey.name}` : call.createdBy ? ` · by ${call.createdBy.name}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      </div>

      <Card title="Published and verified numbers">
        {numbers.length === 0 ? (
          <p className="text-slate-600">No numbers in the registry yet. Publish the numbers you call customers from.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="published-numbers">
            {numbers.map((n) => (
              <li key={n.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link href={`/numbers/${n.e164}`} className="font-mono font-semibold">
                  {formatE164(n.e164).national}
                </Link>
                <span className="text-sm text-slate-600">
                  {[
                    n.label,
                    n.status === "VERIFIED" ? (n.evidenceMethod ? EVIDENCE_METHODS[n.evidenceMethod] : "Verified") : (n.statusReason ?? "Revoked"),
                    n.status === "VERIFIED" && n.retiresAt ? `retires ${formatDate(n.retiresAt)}` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Numbers claiming to be you that you have not published">
        {unpublished.length === 0 ? (
          <p className="text-slate-600">No member has reported a call claiming to be {org.name} from a number you have not published.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="unpublished-numbers">
            {unpublished.map((n) => (
              <li key={n.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link href={`/numbers/${n.e164}`} className="font-mono font-semibold">
                  {formatE164(n.e164).national}
                </Link>
                <span className="text-sm text-slate-600">
                  {n.reportCount === 1 ? "1 report" : `${n.reportCount} reports`}
                  {n.status === "REJECTED" ? " · known impersonation" : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-sm text-slate-500">If one of these is yours, publish it above. Your representatives get an e-mail (at most one an hour) when a new one appears.</p>
      </Card>

      <Card title="Calling policy">
        <ResultForm action={savePolicyAction} submitLabel="Save policy" labels={{ policyUrl: "Policy address" }} testId="policy-form">
          {hidden}
          <div className="grid gap-4 sm:grid-cols-2">
            {POLICY_QUESTION_KEYS.map((key) => (
              <div key={key} className="space-y-1.5">
                <label htmlFor={key} className="block text-sm font-medium text-slate-800">
                  {POLICY_QUESTIONS[key]}
                </label>
                <select id={key} name={key} defaultValue={answer(policy?.[key])} className={selectClass}>
                  <option value="">Not saying</option>
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                </select>
              </div>
            ))}
          </div>
          <InputField id="policyUrl" label="Where the policy is published on your own site" type="url" placeholder="https://" defaultValue={policy?.policyUrl ?? ""} />
        </ResultForm>
        {policy?.policyUpdatedAt ? <p className="mt-3 text-sm text-slate-500">Last saved {formatDateTime(policy.policyUpdatedAt)}.</p> : null}
      </Card>

      <Card title="API keys for your systems">
        <p className="mb-3 text-sm text-slate-600">
          Your dialler can record calls with <code>POST /api/v1/organisations/{slug}/calls</code> and the header <code>Authorization: Bearer &lt;key&gt;</code>{" "}
          (see <a href="/api/v1/openapi.json">the API description</a>).
        </p>
        <ResultForm action={createApiKeyAction} submitLabel="Create key" labels={{ name: "Name" }} testId="api-key-form">
          {hidden}
          <InputField id="name" label="Key name" maxLength={60} required />
        </ResultForm>
        {keys.length ? (
          <ul className="mt-4 divide-y divide-slate-100 text-sm">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-semibold">{key.name}</span> <code>{key.prefix}…</code>
                  <span className="text-slate-600"> · {key.revokedAt ? "revoked" : key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt)}` : "not used yet"}</span>
                </span>
                {key.revokedAt ? null : (
                  <ResultForm action={revokeApiKeyAction} submitLabel="Revoke" pendingText="Revoking…" className="flex items-center gap-2">
                    {hidden}
                    <input type="hidden" name="keyId" value={key.id} />
                  </ResultForm>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
    </div>
  );
}
