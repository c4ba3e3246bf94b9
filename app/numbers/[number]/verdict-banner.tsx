import Link from "next/link";
import { FormLink } from "@/components/ui/form-link";
import { formatDate } from "@/lib/display/format";
import { EVIDENCE_METHODS } from "@/lib/display/labels";
import { readableNumber } from "@/lib/numbers/display";
import type { NumberPage } from "@/lib/numbers/page";
import { verdictPolicyLine, verdictWords } from "@/lib/numbers/verdict-words";
import { THRESHOLDS } from "@/lib/trust/rules";
import { VERDICT_LABELS, VERDICT_TONES, verdictAdvice, verdictHeadline } from "@/lib/trust/verdict-text";

const TONE = {
  green: { box: "border-emerald-300 bg-emerald-50 text-emerald-950", icon: "bg-emerald-600 text-white", mark: "✓" },
  amber: { box: "border-amber-400 bg-amber-50 text-amber-950", icon: "bg-amber-500 text-white", mark: "!" },
  red: { box: "border-red-300 bg-red-50 text-red-950", icon: "bg-red-600 text-white", mark: "!" },
  neutral: { box: "border-slate-200 bg-white text-slate-900", icon: "bg-slate-200 text-slate-700", mark: "?" },
} as const;

/** Text with the call-back number (as people read it) turned into a tel: link. */
function WithCallLink({ text, readable, e164 }: { text: string; readable: string | null; e164: string | null }) {
  const at = readable && e164 ? text.indexOf(readable) : -1;
  if (at < 0 || !readable || !e164) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <a href={`tel:${e164}`} className="whitespace-nowrap font-semibold text-inherit underline" data-testid="call-back">
        {readable}
      </a>
      {text.slice(at + readable.length)}
    </>
  );
}

/** The one verdict a number's page leads with, in DESIGN.md's precedence: one sentence, one action. */
export function VerdictBanner({ page }: { page: NumberPage }) {
  const { verdict, verified, named, counts, e164 } = page;
  const style = TONE[VERDICT_TONES[verdict.kind]];
  const words = verdictWords(page);
  const policy = verdictPolicyLine(page);
  const callBackE164 = verdict.kind === "OFFICIAL_CONTACT" ? null : (named?.officialPhone ?? null);
  return (
    <section data-testid="verdict" data-verdict={verdict.kind} aria-labelledby="verdict-heading" className={`rounded-2xl border-2 p-4 shadow-sm sm:p-6 ${style.box}`}>
      <div className="flex items-start gap-3 sm:gap-4">
        <span aria-hidden className={`grid h-10 w-10 shrink-0 place-items-center rounded-full text-xl font-bold ${style.icon}`}>
          {style.mark}
        </span>
        <div className="min-w-0 flex-1 space-y-2">
          <p className="text-xs font-semibold uppercase tracking-wide opacity-80">{VERDICT_LABELS[verdict.kind]}</p>
          <h2 id="verdict-heading" className="break-words text-xl font-bold leading-snug sm:text-2xl">
            {verdictHeadline(verdict.kind, words)}
          </h2>
          <p className="text-base font-medium" data-testid="verdict-advice">
            <WithCallLink text={verdictAdvice(verdict.kind, words)} readable={words.callBack ?? null} e164={callBackE164} />
          </p>
          {policy && named ? (
            <p className="break-words rounded-lg bg-white/70 px-3 py-2 text-sm ring-1 ring-inset ring-black/5" data-testid="verdict-policy">
              <span className="font-semibold">Calling policy:</span> {policy}{" "}
              <Link href={`/organisations/${named.slug}`} className="text-inherit underline">
                More about {named.name}
              </Link>
            </p>
          ) : null}
          <Details page={page} />
          {verdict.kind === "VERIFIED" && verified?.evidence ? (
            <p className="text-sm">
              <span className="font-medium">Evidence:</span> {EVIDENCE_METHODS[verified.evidence.method]}
              {verified.evidence.source ? <> — <Source text={verified.evidence.source} /></> : null}
              {verified.evidence.verifiedAt ? <>. Verified {formatDate(verified.evidence.verifiedAt)}.</> : "."}
            </p>
          ) : null}
          {verdict.kind === "VERIFIED" && verdict.possiblySpoofed ? (
            <p className="rounded-lg bg-amber-100 px-3 py-2 text-sm text-amber-950" data-testid="possibly-spoofed">
              <strong>Possibly spoofed:</strong> scam calls showing this number have been reported. Scammers can fake caller ID, so
              those reports are not a mark against {named?.name ?? "the organisation"}.
            </p>
          ) : null}
          {verdict.kind === "NOT_ENOUGH" ? (
            <p className="text-sm text-slate-700">
              {counts.reports === 0
                ? "Nobody has reported this number yet."
                : `${counts.reports === 1 ? "One report" : `${counts.reports.toLocaleString("en-AU")} reports`} from ${reportedBy(counts.reporters, page.visitorReports, counts.reports)} cannot yet say whether this caller is safe.`}{" "}
              <FormLink href={`/report?number=${encodeURIComponent(e164)}`} className="font-semibold">
                Report this number
              </FormLink>
            </p>
          ) : null}
          <HowWorkedOut page={page} />
        </div>
      </div>
    </section>
  );
}

/** A sentence of context under the advice, where the verdict names an organisation. */
function Details({ page }: { page: NumberPage }) {
  const { verdict, claimed, named } = page;
  if (!named) return null;
  const realNumbers = (
    <Link href={`/organisations/${named.slug}`} className="font-semibold text-inherit underline">
      See {named.name}&apos;s real numbers
    </Link>
  );
  if (verdict.kind === "REAL_BUT_UNSAFE") {
    return (
      <p className="text-sm">
        Members who answered say this really was {named.name}, but {named.name} does not list this number, and callers from it asked for things
        like security answers. A scammer can ask the same questions from any number. {realNumbers}
      </p>
    );
  }
  if (verdict.kind === "OFFICIAL_CONTACT") {
    return (
      <p className="text-sm">
        Call it yourself:{" "}
        <a href={`tel:${page.e164}`} className="whitespace-nowrap font-semibold text-inherit underline" data-testid="call-back">
          {readableNumber(page.e164)}
        </a>
        . {realNumbers}
      </p>
    );
  }
  if (verdict.kind === "IMPERSONATION" && claimed) {
    const because =
      verdict.impersonationReason === "REJECTED"
        ? "Moderators checked, and it is not theirs."
        : verdict.impersonationReason === "NOT_ON_LIST"
          ? `${named.name} has ${named.verifiedNumberCount === 1 ? "a verified number" : "verified numbers"}, and this is not one of them.`
          : "Members who answered say it was not them.";
    return (
      <p className="text-sm">
        Callers from this number said they were {named.name}. {because} {realNumbers}
      </p>
    );
  }
  return null;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** The figures behind the verdict, one click away for those who want them. */
function HowWorkedOut({ page }: { page: NumberPage }) {
  const { verdict, counts } = page;
  return (
    <details className="text-sm" data-testid="verdict-figures">
      <summary className="cursor-pointer font-medium underline">How is this worked out?</summary>
      <div className="mt-2 space-y-1 opacity-90">
        <p>
          An organisation&apos;s verified or published numbers come first. Then members&apos; answers to &quot;is this really them?&quot;, then
          the organisation&apos;s published contact numbers, then votes and reports.
        </p>
        <p>
          Evidence so far: {reportedBy(counts.reporters, page.visitorReports, counts.reports)} reported it, and members
          voted. Votes from established members count for more and fade with age (half weight after {THRESHOLDS.voteHalfLifeDays} days); reports count once per person.
        </p>
        <p>
          Weighted evidence {verdict.evidence.toFixed(1)}; we are 95% sure at least {percent(verdict.legitBound)} of it says legitimate and at
          least {percent(verdict.notLegitBound)} says not (the Wilson lower bound), and call a side &quot;likely&quot; from {percent(THRESHOLDS.verdict.minBound)}.
        </p>
      </div>
    </details>
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

/**
 * Who reported a number, in words: members are counted (each once); visitors without an account are not
 * (they are counted once per address in the verdict, but those addresses are not people we can count).
 */
function reportedBy(members: number, visitors: boolean, reports: number): string {
  if (!visitors) return members === 1 ? "one person" : `${members.toLocaleString("en-AU")} people`;
  if (members === 0) return reports === 1 ? "a visitor without an account" : "visitors without an account";
  const counted = members === 1 ? "one member" : `${members.toLocaleString("en-AU")} members`;
  return `${counted} and visitors without an account`;
}
