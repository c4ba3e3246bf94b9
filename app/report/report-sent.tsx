import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import type { ReportSuccess } from "./submit";

/** What the report form becomes once the report is saved: what it changed, and where to go next. */
export function ReportSent({ report: r }: { report: ReportSuccess }) {
  return (
    <div className="space-y-4" data-testid="report-success">
      <Alert tone="success">
        <p className="font-semibold">{r.duplicate ? "We already had this report — it was saved once." : "Thank you. Your report is saved."}</p>
        <p className="mt-1">It now counts towards what people see for {r.display}.</p>
      </Alert>
      {r.masked ? (
        <Alert tone="info" testId="masked-notice">
          We removed a card number or an e-mail address from what you wrote before saving it, so it is never published.
        </Alert>
      ) : null}
      {r.anonymous ? (
        <section aria-labelledby="follow-heading" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="account-offer">
          <h2 id="follow-heading" className="font-semibold">
            Want to know if others get this call?
          </h2>
          <p className="text-sm text-slate-600">
            With a free account you can follow {r.display} and hear when it is reported again, and your reports count for more. Nothing else is needed: your report is already saved.
          </p>
          <Link href={`/signup?callbackUrl=${encodeURIComponent(`/numbers/${r.e164}`)}`} className={buttonClass("secondary")}>
            Create an account to follow {r.display}
          </Link>
        </section>
      ) : null}
      {r.organisation?.proposed ? (
        <Alert tone="info">
          {r.organisation.name} is listed as a <strong>proposed</strong> organisation until a moderator checks it.
        </Alert>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Link href={`/numbers/${r.e164}`} className={buttonClass("primary")}>
          See {r.display}
        </Link>
        {r.organisation ? (
          <Link href={`/organisations/${r.organisation.slug}`} className={buttonClass("secondary")}>
            {r.organisation.name}
          </Link>
        ) : null}
        <a href="/report" className={buttonClass("ghost")}>
          Report another call
        </a>
      </div>
    </div>
  );
}
