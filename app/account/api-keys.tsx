import { listApiKeys, listKeyOrganisations } from "@/lib/api-keys/keys";
import { formatDate } from "@/lib/display/format";
import { CreateApiKeyForm, RevokeApiKeyForm } from "./api-key-forms";
import { AccountSection } from "./section";

export async function ApiKeys({ userId }: { userId: string }) {
  const [keys, organisations] = await Promise.all([listApiKeys(userId), listKeyOrganisations(userId)]);
  return (
    <AccountSection id="api-keys" title="API keys">
      <p className="-mt-2 mb-4 text-sm text-slate-600">
        For apps and call blockers using the <a href="/api/v1/openapi.json">public API</a>: send the key as <code>Authorization: Bearer &lt;key&gt;</code> or <code>X-Api-Key</code>.
        Each key has its own daily quota, higher than the limit for requests without one; the answers say how much is left (<code>X-RateLimit-Remaining</code>).
      </p>
      {keys.length === 0 ? (
        <p className="mb-4 rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600" data-testid="no-api-keys">You have no API keys.</p>
      ) : (
        <ul className="mb-4 divide-y divide-slate-100" data-testid="api-keys">
          {keys.map((key) => (
            <li key={key.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4" data-testid="api-key">
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-semibold text-slate-900">{key.name}</p>
                <p className="text-slate-600">
                  <span className="font-mono">{key.prefix}…</span>
                  {key.organisationName ? <> · for {key.organisationName}</> : null} · {key.dailyQuota.toLocaleString("en")} requests a day · created {formatDate(key.createdAt)} ·{" "}
                  {key.lastUsedAt ? <>last used {formatDate(key.lastUsedAt)}</> : "never used"}
                </p>
              </div>
              {key.revokedAt ? (
                <span className="text-sm font-medium text-slate-500" data-testid="api-key-revoked">Revoked {formatDate(key.revokedAt)}</span>
              ) : (
                <RevokeApiKeyForm id={key.id} name={key.name} />
              )}
            </li>
          ))}
        </ul>
      )}
      <CreateApiKeyForm organisations={organisations} />
    </AccountSection>
  );
}
