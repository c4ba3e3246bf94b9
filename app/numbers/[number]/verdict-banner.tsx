import Link from "next/link";
import { formatDate } from "@/lib/display/format";
import { EVIDENCE_METHODS } from "@/lib/display/labels";
import type { NumberPage } from "@/lib/numbers/page";
import { formatE164 } from "@/lib/numbers/phone";
import { VERDICT_LABELS, verdictSummary } from "@/lib/trust/verdict-text";

const tone = {
  VERIFIED: { box: "border-emerald-300 bg-emerald-50 text-emerald-950", icon: "bg-emerald-600 text-white", mark: "✓" },
  IMPERSONATION: { box: "border-red-300 bg-red-50 text-red-950", icon: "bg-red-600 text-white", mark: "!" },
  LIKELY_SCAM: { box: "border-red-300 bg-red-50 text-red-950", icon: "bg-red-600 text-white", mark: "!" },
  LIKELY_LEGITIMATE: { box: "border-emerald-200 bg-emerald-50 text-emerald-950", icon: "bg-emerald-500 text-white", mark: "✓" },
  DISPUTED: { box: "border-amber-300 bg-amber-50 text-amber-950", icon: "bg-amber-500 text-white", mark: "?" },
  NOT_ENOUGH: { box: "border-slate-200 bg-white text-slate-900", icon: "bg-slate-200 text-slate-700", mark: "?" },
} as const;

function CallBack({ e164 }: { e164: string }) {
  return (
    <a href={`tel:${e164}`} className="whitespace-nowrap font-semibold text-inherit underline">
      {formatE164(e164).national}
    </a>
  );
}

/** The one verdict a number's page leads with, in DESIGN.md's precedence. */
export function VerdictBanner({ page }: { page: NumberPage }) {
  const { verdict, verified, impersonated, counts, e164 } = page;
  const style = tone[verdict.kind];
  return (
    <section data-testid="verdict" data-verdict={verdict.kind} aria-labelledby="verdict-heading" className={`rounded-2xl border-2 p-4 shadow-sm sm:p-6 ${style.box}`}>
      <div className="flex items-start gap-3 sm:gap-4">
        <span aria-hidden className={`grid h-10 w-10 shrink-0 place-items-center rounded-full text-xl font-bold ${style.icon}`}>
          {style.mark}
        </span>
        <div className="min-w-0 flex-1 space-y-2">
          <p className="text-xs font-semibold uppercase tracking-wide opacity-75">{VERDICT_LABELS[verdict.kind]}</p>
          <Heading page={page} />
          {verdict.kind === "VERIFIED" && verified ? (
            <>
              {verified.evidence ? (
                <p className="text-sm">
                  <span className="font-medium">Evidence:</span> {EVIDENCE_METHODS[verified.evidence.method]}
                  {verified.evidence.source ? <> — <Source text={verified.evidence.source} /></> : null}
                  {verified.evidence.verifiedAt ? <>. Verified {formatDate(verified.evidence.verifiedAt)}.</> : "."}
                </p>
              ) : null}
              {verdict.possiblySpoofed ? (
                <p className="rounded-lg bg-amber-100 px-3 py-2 text-sm text-amber-950" data-testid="possibly-spoofed">
                  <strong>Possibly spoofed:</strong> some people reported scam calls showing this number. Scammers can fake caller ID — if a call
                  asks for money or codes, hang up and call {verified.organisation.name} back
                  {verified.organisation.officialPhone ? <> on <CallBack e164={verified.organisation.officialPhone} /></> : null}.
                </p>
              ) : null}
            </>
          ) : null}
          {verdict.kind === "IMPERSONATION" && impersonated ? (
            <p className="text-sm">
              Callers from this number said they were {impersonated.organisation.name}.{" "}
              {impersonated.status === "REJECTED"
                ? "Moderators checked, and it is not theirs."
                : `${impersonated.organisation.name} has ${impersonated.organisation.verifiedNumberCount === 1 ? "a verified number" : "verified numbers"}, and this is not one of them.`}{" "}
              <Link href={`/organisations/${impersonated.organisation.slug}`} className="font-semibold text-inherit underline">
                See {impersonated.organisation.name}&apos;s real numbers
              </Link>
            </p>
          ) : null}
          {verdict.kind === "NOT_ENOUGH" ? (
            <p className="text-sm text-slate-600">
              {counts.reports === 0
                ? "Nobody has reported this number yet. If it called you, tell others what happened."
                : `${counts.reports === 1 ? "One report" : `${counts.reports.toLocaleString("en-AU")} reports`} from ${counts.reporters === 1 ? "one person" : `${counts.reporters.toLocaleString("en-AU")} people`} cannot yet say whether this caller is safe. Add yours if it called you.`}{" "}
              <Link href={`/report?number=${encodeURIComponent(e164)}`} className="font-semibold">
                Report this number
              </Link>
            </p>
          ) : null}
          {["LIKELY_LEGITIMATE", "LIKELY_SCAM", "DISPUTED"].includes(verdict.kind) ? (
            <p className="text-sm opacity-90">
              Based on {counts.reporters.toLocaleString("en-AU")} {counts.reporters === 1 ? "reporter" : "reporters"} and members&apos; votes, weighted by trust
              and age. {verdict.kind === "LIKELY_LEGITIMATE" ? "Even so, never give codes, passwords or security answers on a call you did not make." : null}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}

function Heading({ page }: { page: NumberPage }) {
  const { verdict, verified, impersonated, counts } = page;
  const className = "text-xl font-bold leading-snug sm:text-2xl";
  if (verdict.kind === "VERIFIED" && verified) {
    return (
      <h2 id="verdict-heading" className={className}>
        Verified — official number of{" "}
        <Link href={`/organisations/${verified.organisation.slug}`} className="text-inherit underline">
          {verified.organisation.name}
        </Link>
      </h2>
    );
  }
  if (verdict.kind === "IMPERSONATION" && impersonated) {
    const { name, officialPhone } = impersonated.organisation;
    return (
      <h2 id="verdict-heading" className={className}>
        Not on {name}&apos;s verified list — hang up and call {name}{" "}
        {officialPhone ? <>on <CallBack e164={officialPhone} /></> : "on a number you already trust"}
      </h2>
    );
  }
  return (
    <h2 id="verdict-heading" className={className}>
      {verdict.kind === "NOT_ENOUGH" ? (counts.reports === 0 ? "No reports yet" : "Not enough reports yet") : verdictSummary(verdict.kind)}
    </h2>
  );
}

/** Evidence sources are usually URLs; shown as text (never HTML), linked only when http(s). */
function Source({ text }: { text: string }) {
  const isUrl = /^https?:\/\/\S+$/i.test(text);
  if (!isUrl) return <span className="break-words">{text}</span>;
  return (
    <a href={text} rel="nofollow noopener noreferrer ugc" target="_blank" className="break-all text-inherit underline">
      {text.replace(/^https?:\/\//i, "")}
    </a>
  );
}
