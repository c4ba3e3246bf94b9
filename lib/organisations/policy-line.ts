// One line of an organisation's calling policy, shown beside the advice of every verdict that names
// the organisation (number page, API). Pure and client-safe. The structured policy (what it never asks
// for on calls it makes, whether it calls only from published numbers) wins over the free-text columns.

export type PolicyFields = {
  name: string;
  policyNeverAsks: string | null;
  policyCallsFrom: string | null;
  policyHowToVerify?: string | null;
  policyListedNumbersOnly?: boolean | null;
  policyAsksPassword?: boolean | null;
  policyAsksSecurityAnswers?: boolean | null;
  policyAsksOneTimeCode?: boolean | null;
  policyAsksCardDetails?: boolean | null;
};

const clean = (text: string) => text.trim().replace(/\s+/g, " ").replace(/[.;:]+$/, "");
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text);

const ASKS = [
  ["policyAsksPassword", "passwords or PINs"],
  ["policyAsksSecurityAnswers", "security answers"],
  ["policyAsksOneTimeCode", "one-time codes"],
  ["policyAsksCardDetails", "card details"],
] as const;

/** "a", "a or b", "a, b or c". */
const orList = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`);

/**
 * The first statement of a policy recorded as quotations from the organisation's own pages (the seed's
 * impersonated-organisations data: “We will never …” (source) “…” (source)), or null when the text is not one.
 */
function firstQuotation(text: string | null): string | null {
  const match = /^\s*[“"]([^”"]{3,})[”"]/.exec(text ?? "");
  if (!match) return null;
  const quoted = match[1].trim().replace(/\s+/g, " ");
  return /[.!?]$/.test(quoted) ? quoted : `${quoted}.`;
}

/** "Harbour Health Insurance says it never asks for security answers on calls it makes.", or null without a policy. */
export function policyLine(org: PolicyFields): string | null {
  const never = ASKS.filter(([key]) => org[key] === false).map(([, what]) => what);
  if (never.length) {
    const listed = org.policyListedNumbersOnly === true ? " and calls only from the numbers it publishes" : "";
    return `${org.name} says it never asks for ${orList(never)} on calls it makes${listed}.`;
  }
  if (org.policyListedNumbersOnly === true) return `${org.name} says it calls only from the numbers it publishes.`;
  // A quotation is given as said, its first statement only (one line; the organisation's page has the rest and the sources).
  const quoted = firstQuotation(org.policyNeverAsks) ?? (org.policyNeverAsks?.trim() ? null : firstQuotation(org.policyCallsFrom));
  if (quoted) return `${org.name} says: “${quoted}”`;
  if (org.policyNeverAsks?.trim()) return `${org.name} says it never asks for ${lowerFirst(clean(org.policyNeverAsks))}.`;
  if (org.policyCallsFrom?.trim()) return `${org.name} says it calls from ${lowerFirst(clean(org.policyCallsFrom))}.`;
  return null;
}
