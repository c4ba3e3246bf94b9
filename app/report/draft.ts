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

const pad = (n: number) => String(n).padStart(2, "0");
/** Now in the browser's own time, as a datetime-local field takes it. */
export const localNow = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Keeps only well-typed fields of a stored draft (it came from storage, so it is not trusted). */
export function mergeDraft(base: ReportDraft, draft: Partial<ReportDraft>): ReportDraft {
  const next = { ...base };
  for (const key of Object.keys(base) as (keyof ReportDraft)[]) {
    const value = draft[key];
    if (key === "askedFor") next.askedFor = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : base.askedFor;
    else if (key === "organisation") next.organisation = value && typeof value === "object" && "id" in value && "name" in value ? { id: String(value.id), name: String(value.name) } : null;
    else if (key === "propose") next.propose = value === true;
    else if (typeof value === "string") (next as Record<string, unknown>)[key] = value;
  }
  return next;
}
