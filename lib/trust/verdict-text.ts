// Client-safe words for a number's verdict: the one place its sentences are written, shared by the
// number page's banner, its metadata, the home page and the public API.
import type { ImpersonationReason, VerdictKind } from "./rules";

export const VERDICT_KINDS = [
  "VERIFIED",
  "REAL_BUT_UNSAFE",
  "IMPERSONATION",
  "OFFICIAL_CONTACT",
  "LIKELY_LEGITIMATE",
  "LIKELY_SCAM",
  "DISPUTED",
  "NOT_ENOUGH",
] as const satisfies readonly VerdictKind[];

export const VERDICT_LABELS: Record<VerdictKind, string> = {
  VERIFIED: "Verified official number",
  REAL_BUT_UNSAFE: "Really them, but unsafe",
  IMPERSONATION: "Impersonation warning",
  OFFICIAL_CONTACT: "Official contact number",
  LIKELY_LEGITIMATE: "Likely legitimate",
  LIKELY_SCAM: "Likely scam or nuisance",
  DISPUTED: "Disputed",
  NOT_ENOUGH: "Not enough reports yet",
};

/** Colour family of each verdict: green is safe to trust, amber needs care, red is a warning. */
export const VERDICT_TONES: Record<VerdictKind, "green" | "amber" | "red" | "neutral"> = {
  VERIFIED: "green",
  REAL_BUT_UNSAFE: "amber",
  IMPERSONATION: "red",
  OFFICIAL_CONTACT: "amber",
  LIKELY_LEGITIMATE: "green",
  LIKELY_SCAM: "red",
  DISPUTED: "amber",
  NOT_ENOUGH: "neutral",
};

export type VerdictWords = {
  /** Name of the organisation the verdict names. */
  organisation?: string | null;
  /** Its call-back number as people read it (national format), if known. */
  callBack?: string | null;
  reports?: number;
  impersonationReason?: ImpersonationReason | null;
};

/** One plain sentence saying what this number is. */
export function verdictHeadline(kind: VerdictKind, words: VerdictWords = {}): string {
  const org = words.organisation ?? "the organisation";
  switch (kind) {
    case "VERIFIED":
      return `Verified — official number of ${org}.`;
    case "REAL_BUT_UNSAFE":
      return `Probably really ${org} — but it called from a number it doesn't list.`;
    case "IMPERSONATION":
      if (words.impersonationReason === "REJECTED") return `Not ${org} — moderators checked, and this number is not theirs.`;
      if (words.impersonationReason === "MEMBERS_SAY_NOT") return `Probably not ${org} — members who answered say this caller is not them.`;
      return `Not on ${org}'s verified list — likely someone pretending to be ${org}.`;
    case "OFFICIAL_CONTACT":
      return `This is the number ${org} publishes for you to call.`;
    case "LIKELY_LEGITIMATE":
      return "Likely legitimate — people who answered say this caller is who they claim to be.";
    case "LIKELY_SCAM":
      return "Likely a scam or nuisance caller — people who answered warn against it.";
    case "DISPUTED":
      return "Disputed — answers about this caller are mixed, and not yet clear either way.";
    case "NOT_ENOUGH":
      return words.reports ? "Not enough reports yet." : "No reports yet.";
  }
}

/** One action: what to do now. Mentions the call-back number when there is one. */
export function verdictAdvice(kind: VerdictKind, words: VerdictWords = {}): string {
  const org = words.organisation ?? "the organisation";
  const callOn = words.callBack ? `on ${words.callBack}` : "on a number you already trust, such as the one on your card or statement";
  switch (kind) {
    case "VERIFIED":
      return `If the call asked for money or codes, hang up and call ${org} back ${callOn}: scammers can fake caller ID.`;
    case "REAL_BUT_UNSAFE":
      return `Don't give security answers on a call you didn't make: call back ${callOn}.`;
    case "IMPERSONATION":
      return `Hang up and call ${org} ${callOn}.`;
    case "OFFICIAL_CONTACT":
      return "Scammers often fake it in caller ID: if it called you, hang up and call it back yourself.";
    case "LIKELY_LEGITIMATE":
      return words.organisation && words.callBack
        ? `Even so, never give codes, passwords or security answers on a call you did not make: if in doubt, call ${org} ${callOn}.`
        : "Even so, never give codes, passwords or security answers on a call you did not make.";
    case "LIKELY_SCAM":
      return words.organisation && words.callBack
        ? `Don't call back or give any details. If you deal with ${org}, call them ${callOn}.`
        : "Don't call back or give any details. If it named an organisation, call that organisation on a number you already trust.";
    case "DISPUTED":
      return words.organisation && words.callBack
        ? `Be careful: give no codes, passwords or payment details, and to check, call ${org} ${callOn}.`
        : "Be careful: give no codes, passwords or payment details, and call back on a number you already trust.";
    case "NOT_ENOUGH":
      return "If it called you, tell others what happened.";
  }
}

/** Headline and advice together: the banner's text, the page's description and the API's `summary`. */
export function verdictSummary(kind: VerdictKind, words: VerdictWords = {}): string {
  return `${verdictHeadline(kind, words)} ${verdictAdvice(kind, words)}`;
}
