// Client-safe: the report form and createReport parse the same schema, so the browser and the server
// agree on every message. Field-level checks report beside each field; cross-field rules (the number
// in its region, the date, "nothing" asked for, the organisation) run in one superRefine so every
// field's message comes back at once.
import { z } from "zod";
import { ASKED_FOR_KEYS, CHANNEL_KEYS, REPORT_CATEGORY_KEYS, type AskedForKey } from "../display/labels";
import { isRegion, normalisePhone, type ParsedPhone } from "../numbers/phone";

import { REPORT_TEXT_LIMITS } from "./limits";

export { REPORT_TEXT_LIMITS };
/** Devices' clocks drift: a call "a few minutes in the future" is accepted. */
export const CLOCK_SKEW_MS = 5 * 60_000;
export const EARLIEST_CALL = new Date("1990-01-01T00:00:00Z");

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value is wall-clock time without a zone; the form sends the browser's
 * `getTimezoneOffset()` beside it. Anything with a zone (ISO) is read as is. Empty means now.
 */
export function parseOccurredAt(value: string | Date | undefined, tzOffsetMinutes: number | undefined, now: Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const text = (value ?? "").trim();
  if (!text) return now;
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const [, y, mo, d, h, mi, s] = local.map(Number);
    const utc = Date.UTC(y, mo - 1, d, h, mi, s || 0) + (tzOffsetMinutes ?? 0) * 60_000;
    const date = new Date(utc);
    // Date.UTC rolls 31 February over into March: refuse instead.
    return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d ? date : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

// Control characters other than newline and tab go (NUL above all, which PostgreSQL text cannot hold).
const emptyToUndefined = (value: unknown) => {
  if (typeof value !== "string") return value;
  const text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
  return text.trim() === "" ? undefined : text;
};
const optionalText = (max: number, tooLong: string) =>
  z.preprocess(emptyToUndefined, z.string().trim().max(max, tooLong).optional());
/**
 * An enum whose failure does not stop the cross-field checks (zod skips refinements after an
 * aborting issue such as invalid_value), so "choose a category" and "that number is too short"
 * come back together.
 */
const oneOf = <T extends string>(keys: readonly T[], message: string) =>
  z.preprocess((value) => (typeof value === "string" ? value : ""), z.string().refine((value) => (keys as readonly string[]).includes(value), message)).transform((value) => value as T);
const flag = z.preprocess((value) => value === true || value === "1" || value === "on" || value === "true", z.boolean());

export const reportFields = z.object({
  number: z.preprocess((value) => (typeof value === "string" ? value : ""), z.string().trim().min(1, "Enter the number that called you.").max(64, "That is too long to be a phone number.")),
  region: z.preprocess(emptyToUndefined, z.string().optional()),
  occurredAt: z.union([z.string(), z.date()]).optional(),
  tzOffset: z.preprocess(emptyToUndefined, z.coerce.number().int().min(-900).max(900).optional()),
  channel: oneOf(CHANNEL_KEYS, "Choose how they contacted you."),
  category: oneOf(REPORT_CATEGORY_KEYS, "Choose what kind of call it was."),
  organisationId: z.preprocess(emptyToUndefined, z.string().trim().regex(/^[a-z0-9]{8,40}$/i, "Choose an organisation from the suggestions.").optional()),
  /** What is typed in the type-ahead: only used to tell someone who typed but did not choose. */
  organisationQuery: optionalText(200, "That is too long for an organisation's name."),
  proposeOrganisation: flag.optional(),
  proposedName: optionalText(REPORT_TEXT_LIMITS.organisationName, `Keep the name under ${REPORT_TEXT_LIMITS.organisationName} characters.`),
  proposedWebsite: optionalText(REPORT_TEXT_LIMITS.website, `Keep the website under ${REPORT_TEXT_LIMITS.website} characters.`),
  askedFor: z.preprocess(
    (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]),
    z.array(oneOf(ASKED_FOR_KEYS, "Choose from the list.")).max(ASKED_FOR_KEYS.length),
  ),
  leftMessage: z.preprocess(
    (value) => (value === "yes" || value === true ? true : value === "no" || value === false ? false : undefined),
    z.boolean().optional(),
  ),
  callerIdName: optionalText(REPORT_TEXT_LIMITS.callerIdName, `Keep the caller ID name under ${REPORT_TEXT_LIMITS.callerIdName} characters.`),
  body: optionalText(REPORT_TEXT_LIMITS.body, `Keep it under ${REPORT_TEXT_LIMITS.body.toLocaleString("en-AU")} characters.`),
  idempotencyKey: z.string({ error: "Reload the page and try again." }).regex(/^[A-Za-z0-9_-]{8,64}$/, "Reload the page and try again."),
});

export type ReportFormInput = z.input<typeof reportFields>;

/** A proposal's website: a bare domain gets https://; only http(s) is accepted. */
export function normaliseWebsite(value: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (!url.hostname.includes(".") || url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

/** Builds the schema with the clock it checks "not in the future" against (tests pass a fixed one). */
export function reportSchemaAt(now: () => Date = () => new Date()) {
  return reportFields
    .superRefine((input, ctx) => {
      const region = isRegion(input.region) ? input.region : "AU";
      const phone = normalisePhone(input.number, region);
      if (!phone.ok && input.number && input.number.length <= 64) ctx.addIssue({ code: "custom", path: ["number"], message: phone.error });

      const at = parseOccurredAt(input.occurredAt, input.tzOffset, now());
      if (!at) ctx.addIssue({ code: "custom", path: ["occurredAt"], message: "Enter the date and time of the call." });
      else if (at.getTime() > now().getTime() + CLOCK_SKEW_MS)
        ctx.addIssue({ code: "custom", path: ["occurredAt"], message: "That is in the future. When did they call?" });
      else if (at < EARLIEST_CALL) ctx.addIssue({ code: "custom", path: ["occurredAt"], message: "Only calls from 1990 onwards can be reported." });

      if (input.askedFor.includes("NOTHING") && input.askedFor.length > 1)
        ctx.addIssue({ code: "custom", path: ["askedFor"], message: "“Nothing” cannot be ticked together with something they asked for." });

      if (input.proposeOrganisation) {
        const name = input.proposedName ?? "";
        if (name.length < 2) ctx.addIssue({ code: "custom", path: ["proposedName"], message: "Enter the organisation's name." });
        else if (!/\p{L}/u.test(name)) ctx.addIssue({ code: "custom", path: ["proposedName"], message: "An organisation's name needs letters." });
        if (input.proposedWebsite && !normaliseWebsite(input.proposedWebsite))
          ctx.addIssue({ code: "custom", path: ["proposedWebsite"], message: "Enter a web address such as example.com.au." });
      } else if (!input.organisationId && input.organisationQuery) {
        ctx.addIssue({
          code: "custom",
          path: ["organisationId"],
          message: "Choose an organisation from the suggestions, choose “Someone else” to add it, or clear the box.",
        });
      }
    })
    .transform((input) => {
      const phone = normalisePhone(input.number, isRegion(input.region) ? input.region : "AU") as { ok: true; phone: ParsedPhone };
      const proposed = input.proposeOrganisation && input.proposedName ? { name: input.proposedName.replace(/\s+/g, " "), website: input.proposedWebsite ? normaliseWebsite(input.proposedWebsite) ?? undefined : undefined } : undefined;
      return {
        phone: phone.phone,
        occurredAt: parseOccurredAt(input.occurredAt, input.tzOffset, now()) as Date,
        channel: input.channel,
        category: input.category,
        organisationId: proposed ? undefined : input.organisationId,
        proposedOrganisation: proposed,
        askedFor: [...new Set(input.askedFor)] as AskedForKey[],
        leftMessage: input.leftMessage,
        callerIdName: input.callerIdName,
        body: input.body,
        idempotencyKey: input.idempotencyKey,
      };
    });
}

export const reportSchema = reportSchemaAt();
export type ReportInput = z.output<typeof reportSchema>;
