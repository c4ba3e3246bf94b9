// Pure and client-safe: what each alert event means, in words a member reads in an e-mail or in
// "What's new". Events carry no user-written free text (report texts, comments, caller-ID names), so
// nothing hidden by the privacy rules or a removal can reach an alert.
import { formatE164 } from "../numbers/phone";

export const NUMBER_EVENT_KINDS = ["NEW_REPORT", "VERDICT_CHANGED", "REGISTRY_ADDED", "REGISTRY_REMOVED"] as const;
export const ORGANISATION_EVENT_KINDS = ["IMPERSONATION", "NUMBER_VERIFIED", "NUMBER_PUBLISHED", "CONTACT_CHANGED", "POLICY_CHANGED"] as const;
export type NumberEventKind = (typeof NUMBER_EVENT_KINDS)[number];
export type OrganisationEventKind = (typeof ORGANISATION_EVENT_KINDS)[number];
export type AlertKind = NumberEventKind | OrganisationEventKind;

export type AlertEventData = {
  category?: string;
  organisationName?: string;
  organisationSlug?: string;
  e164?: string;
  from?: string | null;
  to?: string | null;
  fields?: string[];
};

export type AlertEventView = { kind: string; e164: string | null; organisationId: string | null; data: AlertEventData; createdAt: Date };

export type WatchKey = `n:${string}` | `o:${string}`;
export const numberWatchKey = (e164: string): WatchKey => `n:${e164}`;
export const organisationWatchKey = (organisationId: string): WatchKey => `o:${organisationId}`;

export function parseWatchKey(key: string): { kind: "NUMBER"; e164: string } | { kind: "ORGANISATION"; organisationId: string } | null {
  if (/^n:\+[1-9]\d{5,14}$/.test(key)) return { kind: "NUMBER", e164: key.slice(2) };
  if (/^o:[a-z0-9]{8,40}$/.test(key)) return { kind: "ORGANISATION", organisationId: key.slice(2) };
  return null;
}

export const isNumberKind = (kind: string): kind is NumberEventKind => (NUMBER_EVENT_KINDS as readonly string[]).includes(kind);

const CATEGORY_WORDS: Record<string, string> = {
  SCAM: "a scam",
  IMPERSONATION: "an impersonation",
  TELEMARKETING: "telemarketing",
  DEBT_COLLECTOR: "a debt collector",
  SURVEY: "a survey",
  ROBOCALL: "a robocall",
  CHARITY: "a charity",
  SILENT: "a silent or missed call",
  LEGITIMATE: "legitimate",
  LEGITIMATE_UNSAFE: "legitimate but unsafe",
  OTHER: "other",
};

const POLICY_FIELD_WORDS: Record<string, string> = {
  policyCallsFrom: "which numbers it calls from",
  policyMayAsk: "what it may ask for",
  policyNeverAsks: "what it never asks for",
  policyHowToVerify: "how to check a call is real",
  policyListedNumbersOnly: "whether it calls only from the numbers it publishes",
  policyVoicemailNamesListed: "whether its voicemails name a published number",
  policyAsksPassword: "whether it asks for passwords or PINs",
  policyAsksSecurityAnswers: "whether it asks for security answers",
  policyAsksOneTimeCode: "whether it asks for one-time codes",
  policyAsksCardDetails: "whether it asks for card details",
  policyVerifyCallBack: "whether you can call it back to check",
  policyVerifyReference: "whether it gives a reference to check a call",
  policyUrl: "where its policy is published",
};

const phone = (e164: string | null | undefined) => (e164 ? formatE164(e164).international : "none");

/** One plain sentence for an event. */
export function describeEvent(event: AlertEventView): string {
  const d = event.data;
  const number = phone(event.e164 ?? d.e164);
  const org = d.organisationName ?? "the organisation";
  switch (event.kind) {
    case "NEW_REPORT":
      return `New report on ${number}: ${CATEGORY_WORDS[d.category ?? "OTHER"] ?? "other"}${d.organisationName ? `, caller claimed to be ${d.organisationName}` : ""}.`;
    case "VERDICT_CHANGED":
      return `The verdict on ${number} changed from "${d.from ?? "none"}" to "${d.to ?? "none"}".`;
    case "REGISTRY_ADDED":
      return `${number} is now in the verified registry as an official number of ${org}.`;
    case "REGISTRY_REMOVED":
      return `${number} was taken out of the verified registry (it was listed for ${org}).`;
    case "IMPERSONATION":
      return `Possible impersonation of ${org}: ${phone(d.e164)} was reported claiming to be ${org}, and it is not on ${org}'s verified list (reported as ${CATEGORY_WORDS[d.category ?? "OTHER"] ?? "other"}).`;
    case "NUMBER_VERIFIED":
      return `${org} has a new verified outbound number: ${phone(d.e164)}.`;
    case "NUMBER_PUBLISHED":
      return `${org} published a new outbound number: ${phone(d.e164)}.`;
    case "CONTACT_CHANGED":
      return `${org} changed its official callback number from ${phone(d.from)} to ${phone(d.to)}.`;
    case "POLICY_CHANGED":
      return `${org} changed its calling policy: ${(d.fields ?? []).map((f) => POLICY_FIELD_WORDS[f] ?? f).join(", ") || "details"}.`;
    default:
      return "Something changed on a number or organisation you watch.";
  }
}

/** The page an event points to (a path; the e-mail prefixes APP_URL). */
export function eventPath(event: AlertEventView): string {
  const e164 = event.e164 ?? event.data.e164;
  if (isNumberKind(event.kind) && e164) return `/numbers/${encodeURIComponent(e164)}`;
  if ((event.kind === "IMPERSONATION" || event.kind === "NUMBER_VERIFIED" || event.kind === "NUMBER_PUBLISHED") && e164) return `/numbers/${encodeURIComponent(e164)}`;
  if (event.data.organisationSlug) return `/organisations/${encodeURIComponent(event.data.organisationSlug)}`;
  return "/account#whats-new";
}

export const ALERT_MODE_LABELS = { INSTANT: "At once", DAILY: "Daily digest", OFF: "No e-mail" } as const;
export type AlertModeKey = keyof typeof ALERT_MODE_LABELS;
