// Client-safe names for the domain's enums, shared by forms, pages and the API.

/** The keys of a label table, typed: one list for zod enums and form options. */
const keysOf = <T extends object>(table: T) => Object.keys(table) as (keyof T)[];

export const REPORT_CATEGORIES = {
  SCAM: { label: "Scam", explain: "Tried to steal money or details.", tone: "bad" },
  IMPERSONATION: { label: "Impersonation", explain: "Pretended to be an organisation or a person they are not.", tone: "bad" },
  TELEMARKETING: { label: "Telemarketing", explain: "Selling something you did not ask about.", tone: "neutral" },
  DEBT_COLLECTOR: { label: "Debt collector", explain: "Chasing a debt, yours or someone else's.", tone: "neutral" },
  SURVEY: { label: "Survey", explain: "Market research or a poll.", tone: "neutral" },
  ROBOCALL: { label: "Robocall", explain: "A recorded or automated voice.", tone: "neutral" },
  CHARITY: { label: "Charity", explain: "Asking for donations.", tone: "neutral" },
  SILENT: { label: "Silent or missed call", explain: "Nobody spoke, or it rang once and hung up.", tone: "neutral" },
  LEGITIMATE: { label: "Legitimate", explain: "The real organisation, behaving as it should.", tone: "good" },
  LEGITIMATE_UNSAFE: {
    label: "Legitimate but unsafe practice",
    explain: "The real organisation, but doing what scammers do — like asking for security answers on a call it started.",
    tone: "warn",
  },
  OTHER: { label: "Other", explain: "Something else: tell us in your own words.", tone: "neutral" },
} as const;
export type ReportCategoryKey = keyof typeof REPORT_CATEGORIES;
export const REPORT_CATEGORY_KEYS = keysOf(REPORT_CATEGORIES);

export const ASKED_FOR = {
  POLICY_OR_ACCOUNT_NUMBER: "Policy or account number",
  SECURITY_ANSWERS: "Security answers",
  PASSWORD_OR_PIN: "Password or PIN",
  ONE_TIME_CODE: "One-time code",
  CARD_OR_PAYMENT: "Card or payment",
  BANK_DETAILS: "Bank details",
  PERSONAL_DETAILS: "Personal details",
  REMOTE_ACCESS: "Remote access",
  GIFT_CARDS_OR_CRYPTO: "Gift cards or crypto",
  NOTHING: "Nothing",
} as const;
export type AskedForKey = keyof typeof ASKED_FOR;
export const ASKED_FOR_KEYS = keysOf(ASKED_FOR);

export const CHANNELS = { CALL: "Phone call", SMS: "SMS / text message", VOICEMAIL: "Voicemail" } as const;
export type ChannelKey = keyof typeof CHANNELS;
export const CHANNEL_KEYS = keysOf(CHANNELS);

export const ORG_CATEGORIES = {
  BANK: "Bank",
  INSURER: "Insurer",
  TELCO: "Telco",
  GOVERNMENT: "Government",
  UTILITY: "Utility",
  RETAILER: "Retailer",
  CHARITY: "Charity",
  OTHER: "Other",
} as const;
export type OrgCategoryKey = keyof typeof ORG_CATEGORIES;
export const ORG_CATEGORY_KEYS = keysOf(ORG_CATEGORIES);

export const EVIDENCE_METHODS = {
  OFFICIAL_WEBSITE: "Listed on the organisation's official website",
  VERIFIED_REPRESENTATIVE: "Confirmed by a verified representative",
  OFFICIAL_CALLBACK: "Confirmed by calling the organisation's official number",
  CARRIER_OR_REGULATOR: "Carrier or regulator document",
  PUBLISHED_BY_ORGANISATION: "Published by the organisation itself, through its verified representative",
} as const;
export type EvidenceMethodKey = keyof typeof EVIDENCE_METHODS;
export const EVIDENCE_METHOD_KEYS = keysOf(EVIDENCE_METHODS);
/**
 * What a moderator may give as evidence: every method but PUBLISHED_BY_ORGANISATION, which only an
 * organisation's own representative publishing the number gives (lib/representatives/publish.ts).
 */
export const MODERATOR_EVIDENCE_METHOD_KEYS = ["OFFICIAL_WEBSITE", "VERIFIED_REPRESENTATIVE", "OFFICIAL_CALLBACK", "CARRIER_OR_REGULATOR"] as const satisfies readonly EvidenceMethodKey[];

export const ROLES = { USER: "Member", MODERATOR: "Moderator", ADMIN: "Admin" } as const;
