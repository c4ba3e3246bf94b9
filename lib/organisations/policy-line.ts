// One line of an organisation's calling policy, shown beside the advice of every verdict that names
// the organisation (number page, API). Pure and client-safe.

export type PolicyFields = {
  name: string;
  policyNeverAsks: string | null;
  policyCallsFrom: string | null;
};

const clean = (text: string) => text.trim().replace(/\s+/g, " ").replace(/[.;:]+$/, "");
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text);

/**
 * "Harbour Health Insurance says it never asks for your password, …", or null without a policy.
 * Only what the organisation itself states about calls (never asks for, calls from): "how to verify"
 * is often our own advice (the directory seed writes it), so it is not quoted as the organisation's.
 */
export function policyLine(org: PolicyFields): string | null {
  if (org.policyNeverAsks?.trim()) return `${org.name} says it never asks for ${lowerFirst(clean(org.policyNeverAsks))}.`;
  if (org.policyCallsFrom?.trim()) return `${org.name} says it calls from ${lowerFirst(clean(org.policyCallsFrom))}.`;
  return null;
}
