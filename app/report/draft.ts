// A visitor's half-written report survives the trip through sign-in in this tab's sessionStorage.
// Only what they typed is kept (never the idempotency key: the form after sign-in is a new one).

const KEY = "callercheck:report-draft";

export type ReportDraft = {
  number: string;
  region: string;
  occurredAt: string;
  channel: string;
  category: string;
  organisation: { id: string; name: string } | null;
  organisationQuery: string;
  propose: boolean;
  proposedName: string;
  proposedWebsite: string;
  askedFor: string[];
  leftMessage: string;
  callerIdName: string;
  body: string;
};

export function saveDraft(draft: ReportDraft): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Private browsing may refuse storage; the visitor then retypes after signing in.
  }
}

export function takeDraft(): Partial<ReportDraft> | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" ? (value as Partial<ReportDraft>) : null;
  } catch {
    return null;
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}
