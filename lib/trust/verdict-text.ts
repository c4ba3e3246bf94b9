// Client-safe words for a number's verdict, shared by the number page and the public API.
import type { VerdictKind } from "./rules";

export const VERDICT_KINDS = ["VERIFIED", "IMPERSONATION", "LIKELY_LEGITIMATE", "LIKELY_SCAM", "DISPUTED", "NOT_ENOUGH"] as const satisfies readonly VerdictKind[];

export const VERDICT_LABELS: Record<VerdictKind, string> = {
  VERIFIED: "Verified official number",
  IMPERSONATION: "Impersonation warning",
  LIKELY_LEGITIMATE: "Likely legitimate",
  LIKELY_SCAM: "Likely scam or nuisance",
  DISPUTED: "Disputed",
  NOT_ENOUGH: "Not enough reports yet",
};

type Names = { organisation?: string | null; officialPhone?: string | null };

/** One sentence a person can act on, as the banner's heading and the API's `verdict.summary`. */
export function verdictSummary(kind: VerdictKind, names: Names = {}, reports = 0): string {
  switch (kind) {
    case "VERIFIED":
      return `Verified — official number of ${names.organisation ?? "a listed organisation"}.`;
    case "IMPERSONATION":
      return names.officialPhone
        ? `Not on ${names.organisation}'s verified list — hang up and call ${names.organisation} on ${names.officialPhone}.`
        : `Not on ${names.organisation}'s verified list — hang up and call ${names.organisation} on a number you already trust.`;
    case "LIKELY_LEGITIMATE":
      return "Likely legitimate — people who answered say this caller is who they claim to be.";
    case "LIKELY_SCAM":
      return "Likely a scam or nuisance caller — people who answered warn against it.";
    case "DISPUTED":
      return "Disputed — people disagree about this caller.";
    case "NOT_ENOUGH":
      return reports === 0 ? "No reports yet." : "Not enough reports yet.";
  }
}
