import { randomBytes } from "node:crypto";
import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { getActor } from "@/lib/accounts/authz";
import { env } from "@/lib/platform/env";
import { getOrganisationRef } from "@/lib/organisations/organisation";
import { isRegion } from "@/lib/numbers/phone";
import { ReportForm } from "./report-form";

export const metadata: Metadata = {
  title: "Report a call",
  description: "Tell others about a call: who it claimed to be, what they asked for, and what happened.",
};

export default async function ReportPage({ searchParams }: { searchParams: Promise<{ number?: string | string[]; region?: string | string[]; organisation?: string | string[] }> }) {
  const params = await searchParams;
  const [actor, organisation] = await Promise.all([
    getActor(),
    typeof params.organisation === "string" && /^[a-z0-9-]{1,100}$/.test(params.organisation) ? getOrganisationRef(params.organisation) : null,
  ]);
  const number = typeof params.number === "string" ? params.number.slice(0, 64) : "";
  const region = typeof params.region === "string" && isRegion(params.region) ? params.region : env.DEFAULT_REGION;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Report a call</h1>
        <p className="text-slate-600">
          Tell others what happened. Say who the caller claimed to be: that is how we spot an organisation&apos;s real numbers — and the people pretending to be it.
        </p>
      </header>
      {actor?.suspendedAt ? (
        <Alert tone="warning">Your account is suspended, so you cannot report calls.</Alert>
      ) : (
        /* A fresh key per render: a double click or a resubmitted form stores one report. */
        <ReportForm signedIn={Boolean(actor)} idempotencyKey={randomBytes(12).toString("hex")} initialNumber={number} initialRegion={region} initialOrganisation={organisation} />
      )}
     </div>
  );
}
