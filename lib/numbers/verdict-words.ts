// The words of a number page's verdict, filled from the page: shared by the page, its metadata and the API.
import { policyLine } from "../organisations/policy-line";
import type { VerdictWords } from "../trust/verdict-text";
import { readableNumber } from "./display";
import type { NumberPage } from "./page";

export function verdictWords(page: Pick<NumberPage, "named" | "counts" | "verdict">): VerdictWords {
  return {
    organisation: page.named?.name ?? null,
    callBack: page.named?.officialPhone ? readableNumber(page.named.officialPhone) : null,
    reports: page.counts.reports,
    impersonationReason: page.verdict.impersonationReason,
  };
}

/** The named organisation's calling policy in one line, or null. */
export const verdictPolicyLine = (page: Pick<NumberPage, "named">) => (page.named ? policyLine(page.named) : null);
