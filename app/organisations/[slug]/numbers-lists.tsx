import Link from "next/link";
import { Card } from "@/components/ui/card";
import { formatDate, plural } from "@/lib/display/format";
import { EVIDENCE_METHODS } from "@/lib/display/labels";
import type { OrganisationPage } from "@/lib/organisations/organisation";
import { TYPE_LABELS } from "@/lib/numbers/phone";
import { readableNumber } from "@/lib/numbers/display";

type Claim = OrganisationPage["verified"][number];

const STATUS_TEXT = {
  UNVERIFIED: "Claimed, not verified",
  REVOKED: "No longer verified",
  REJECTED: "Known impersonation",
  VERIFIED: "Verified",
} as const;

/** `paged`: the list was asked for from a point (`?verified=`); an empty page then says nothing about the organisation. */
export function VerifiedNumbers({ organisation, claims, total, paged }: { organisation: string; claims: Claim[]; total: number; paged: boolean }) {
  return (
    <Card title="Verified numbers">
      {claims.length === 0 && paged && total > 0 ? (
        <p className="text-slate-600">
          This page of {organisation}&apos;s {plural(total, "verified number")} is out of date or past the end. See the first page below.
        </p>
      ) : claims.length === 0 ? (
        <p className="text-slate-600">No numbers of {organisation} are verified yet. Until one is, treat every call claiming to be {organisation} with care.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={`Verified numbers of ${organisation}`}>
          {claims.map((claim) => (
            <li key={claim.id} className="py-3">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/numbers/${claim.e164}`} className="font-mono font-semibold">
                  {readableNumber(claim.e164)}
                </Link>
                <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 ring-1 ring-emerald-200">✓ Verified</span>
                <span className="text-sm text-slate-500">{TYPE_LABELS[claim.number.type]}</span>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {claim.evidenceMethod ? EVIDENCE_METHODS[claim.evidenceMethod] : "Verified by a moderator"}
                {claim.verifiedAt ? `, ${formatDate(claim.verifiedAt)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

type ClaimedProps = { organisation: string; claims: Claim[]; total: number; hasVerified: boolean; official: string | null; paged: boolean };

export function ClaimedNumbers({ organisation, claims, total, hasVerified, official, paged }: ClaimedProps) {
  return (
    <Card title="Numbers callers claimed to be it">
      {claims.length === 0 && paged && total > 0 ? (
        <p className="text-slate-600">This page of the {plural(total, "number")} claimed to be {organisation} is out of date or past the end. See the first page below.</p>
      ) : claims.length === 0 ? (
        <p className="text-slate-600">Nobody has reported a caller claiming to be {organisation} from another number.</p>
      ) : (
        <>
          {hasVerified ? (
            <p className="mb-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
              These are <strong>not</strong> on {organisation}&apos;s verified list. If one calls you, hang up{official ? ` and call ${official}` : " and call the organisation on a number you trust"}.
            </p>
          ) : null}
          <ul className="divide-y divide-slate-100" aria-label={`Numbers claimed to be ${organisation}`}>
            {claims.map((claim) => (
              <li key={claim.id} className="py-3" data-testid="claimed-number">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/numbers/${claim.e164}`} className="font-mono font-semibold">
                    {readableNumber(claim.e164)}
                  </Link>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${claim.status === "REJECTED" ? "bg-red-100 text-red-800 ring-red-200" : "bg-slate-100 text-slate-700 ring-slate-200"}`}>
                    {STATUS_TEXT[claim.status]}
                  </span>
                  <span className="text-sm text-slate-500">{TYPE_LABELS[claim.number.type]}</span>
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  {plural(claim.reportCount, "report")} · {plural(claim.legitVotes, "vote")} legitimate, {claim.notLegitVotes} not
                </p>
                {hasVerified && claim.status !== "REJECTED" ? (
                  <p className="mt-1 text-sm font-medium text-amber-800">⚠ Not one of {organisation}&apos;s verified numbers.</p>
                ) : null}
              </li>
            ))}
          </ul>
          {total > claims.length ? <p className="mt-2 text-sm text-slate-500">Showing the {claims.length} most reported of {total}.</p> : null}
        </>
      )}
    </Card>
  );
}
