// Pure and browser-safe: the one place a typed phone number becomes E.164.
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  ParseError,
  type CountryCode,
  type NumberType as LibNumberType,
  type PhoneNumber,
} from "libphonenumber-js/max";

export const NUMBER_TYPES = [
  "MOBILE",
  "FIXED_LINE",
  "FIXED_LINE_OR_MOBILE",
  "TOLL_FREE",
  "SHARED_COST",
  "PREMIUM_RATE",
  "VOIP",
  "PERSONAL_NUMBER",
  "PAGER",
  "UAN",
  "VOICEMAIL",
  "UNKNOWN",
] as const;
export type PhoneType = (typeof NUMBER_TYPES)[number];

export { SEARCH_REGIONS } from "./regions";

export const TYPE_LABELS: Record<PhoneType, string> = {
  MOBILE: "Mobile",
  FIXED_LINE: "Landline",
  FIXED_LINE_OR_MOBILE: "Landline or mobile",
  TOLL_FREE: "Toll free",
  SHARED_COST: "Shared cost (local rate)",
  PREMIUM_RATE: "Premium rate",
  VOIP: "Internet (VoIP)",
  PERSONAL_NUMBER: "Personal number",
  PAGER: "Pager",
  UAN: "Universal access number",
  VOICEMAIL: "Voicemail",
  UNKNOWN: "Unknown type",
};

export type ParsedPhone = {
  e164: string;
  country: string | null;
  countryName: string | null;
  type: PhoneType;
  national: string;
  international: string;
};

export type PhoneResult = { ok: true; phone: ParsedPhone } | { ok: false; error: string };

// Long enough for a published number with a note ("1-800-273-8255 (veterans crisis line)").
const MAX_INPUT = 160;
/** Countries whose national spellings we suggest when a number is not valid in the chosen one. */
const NEIGHBOURS: CountryCode[] = ["US", "GB", "AU", "NZ"];

export function isRegion(value: string | null | undefined): value is CountryCode {
  return !!value && /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}

// Made once: building an Intl.DisplayNames costs more than formatting the number itself.
const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region" });

export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return REGION_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Normalises any common spelling of a phone number to E.164 (`+61412345678`): national and
 * international spellings, `tel:` URIs, `00`/`0011` prefixes, a number inside a short note.
 * `region` applies to national spellings only; a number written with `+` or an international
 * prefix ignores it. Never throws: invalid input gets a message a person can act on.
 */
export function normalisePhone(raw: string, region: string = "AU"): PhoneResult {
  // Pages format the same numbers over and over (the registry, an organisation's list, the home page):
  // parsing with the full metadata is the costly part, so recent answers are kept (they are pure).
  // A number already in E.164 reads the same in every region: one entry for all of them. A number typed
  // any other way is also kept under its E.164, which is how it is read next (to display it, to look it up).
  const key = E164_PATTERN.test(raw) ? raw : `${region}\u0000${raw}`;
  const known = recent.get(key);
  if (known) return known;
  const result = normaliseUncached(raw, region);
  if (result.ok) Object.freeze(result.phone);
  Object.freeze(result);
  remember(key, result);
  if (result.ok && key !== result.phone.e164) remember(result.phone.e164, { ok: true, phone: result.phone });
  return result;
}

function remember(key: string, result: PhoneResult): void {
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(key, Object.isFrozen(result) ? result : Object.freeze(result));
}

const RECENT_MAX = 10_000;
const recent = new Map<string, PhoneResult>();

function normaliseUncached(raw: string, region: string): PhoneResult {
  const input = (raw ?? "").trim();
  if (!input) return { ok: false, error: "Enter a phone number." };
  if (input.length > MAX_INPUT) return { ok: false, error: "That is too long to be a phone number." };
  if (!/\p{Nd}/u.test(input)) return { ok: false, error: "That is not a phone number: it has no digits." };
  const defaultCountry = isRegion(region) ? region : "AU";

  const text = prepare(input);
  if (text === null) return { ok: false, error: "That is not a phone number we can read." };
  let parsed = parse(text, defaultCountry);
  // "0061 412 345 678": 00 is the international prefix in most of the world, though not in
  // Australia (0011); in North America it never is, so there it stays invalid.
  const idd = /^(?:tel:)?\s*00\s*([1-9][\s\S]*)$/i.exec(text);
  if (idd && !isValid(parsed) && getCountryCallingCode(defaultCountry) !== "1") {
    const alt = parse(`+${idd[1]}`, defaultCountry);
    if (isValid(alt)) parsed = alt;
  }
  if (parsed instanceof Error) return { ok: false, error: parseErrorMessage(parsed, input, defaultCountry) };
  if (!parsed.isValid()) return { ok: false, error: invalidMessage(parsed, input, defaultCountry) };
  return { ok: true, phone: toParsed(parsed) };
}

const PHONE_CONTEXT = ";phone-context=";

/**
 * Resolves what libphonenumber-js would otherwise have to: an RFC 3966 `phone-context` (its own
 * check uses a global regular expression whose lastIndex makes every second call fail), and a
 * published number's trailing note, "1-800-638-2772 (8 AM - 5 PM)" or a vanity spelling with its
 * digits, "1-800-CALL-FHA (1-800-225-5342)". Null when the phone-context is malformed.
 */
function prepare(input: string): string | null {
  let text = input;
  const at = text.indexOf(PHONE_CONTEXT);
  if (at >= 0) {
    const start = at + PHONE_CONTEXT.length;
    const end = text.indexOf(";", start);
    const context = text.slice(start, end < 0 ? undefined : end);
    const tel = text.toLowerCase().indexOf("tel:");
    const local = text.slice(tel >= 0 && tel < at ? tel + 4 : 0, at).split(";isub=")[0];
    if (/^\+[\d\-.()]*\d[\d\-.()]*$/.test(context)) text = context + local;
    else if (/^([a-z\d]+(-*[a-z\d])*\.)*[a-z]+(-*[a-z\d])*\.?$/i.test(context)) text = local;
    else return null;
  }
  const note = /^(.*?\S)\s*\(([^()]*)\)$/u.exec(text);
  if (note) {
    const [, head, inner] = note;
    text = /\p{L}/u.test(head) && /\p{Nd}/u.test(inner) ? inner : head;
  }
  return text;
}

function parse(input: string, defaultCountry: CountryCode): PhoneNumber | Error {
  try {
    return parsePhoneNumberWithError(input, { defaultCountry, extract: true });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const isValid = (parsed: PhoneNumber | Error): parsed is PhoneNumber => !(parsed instanceof Error) && parsed.isValid();

function toParsed(number: PhoneNumber): ParsedPhone {
  const country = number.country ?? null;
  return {
    e164: number.number,
    country,
    countryName: countryName(country),
    type: toType(number.getType()),
    national: australianShortNumber(number) ?? number.formatNational(),
    international: number.formatInternational(),
  };
}

/**
 * Australia's six-digit 13 numbers, written as Australians write them ("13 14 50"): libphonenumber's metadata has
 * no format for them and gives the bare digits.
 */
function australianShortNumber(number: PhoneNumber): string | null {
  const digits = number.nationalNumber;
  return number.country === "AU" && /^13\d{4}$/.test(digits) ? `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}` : null;
}

const isInternational = (input: string) => /^(?:tel:)?\s*\+/i.test(input);

function parseErrorMessage(error: Error, input: string, region: CountryCode): string {
  const where = countryName(region) ?? region;
  switch (error instanceof ParseError ? error.message : "") {
    case "TOO_SHORT":
      return "That number is too short.";
    case "TOO_LONG":
      return "That number is too long.";
    case "INVALID_COUNTRY":
      return isInternational(input)
        ? "That country code does not exist — check the digits after the +."
        : `That is not a number in ${where} — add the country code (for example +44…).`;
    case "NOT_A_NUMBER":
      return "That is not a phone number.";
    default:
      return "That is not a phone number we can read.";
  }
}

function invalidMessage(number: PhoneNumber, input: string, region: CountryCode): string {
  const where = countryName(region) ?? region;
  const international = isInternational(input) || number.country !== region;
  if (!international) {
    // Written nationally but valid in a neighbouring country: the person probably chose the wrong one, unless one
    // more digit makes it a number here (an Australian mobile with a digit missing is also a Wellington landline).
    const oneDigitShort = validWith(number, (digits) => [...Array(10).keys()].map((d) => digits + d));
    for (const other of NEIGHBOURS) {
      if (getCountryCallingCode(other) === getCountryCallingCode(region)) continue;
      const elsewhere = parse(input, other);
      if (isValid(elsewhere)) {
        return oneDigitShort
          ? `That number is too short for ${where} — a digit may be missing. (If it is from ${countryName(other)}, add the country code: ${elsewhere.formatInternational()}.)`
          : `That is not a number in ${where} — add the country code (from ${countryName(other)} it would be ${elsewhere.formatInternational()}).`;
      }
    }
  }
  const place = international ? `country code +${number.countryCallingCode}` : where;
  if (number.nationalNumber.length < 5 || validWith(number, (digits) => [...Array(10).keys()].map((d) => digits + d))) {
    return `That number is too short for ${place} — a digit may be missing.`;
  }
  if (validWith(number, (digits) => [digits.slice(0, -1)])) return `That number is too long for ${place} — check for an extra digit.`;
  return international
    ? `That is not a valid number for country code +${number.countryCallingCode} — check the digits.`
    : `That is not a number in ${where} — check the digits, or add the country code.`;
}

/** Whether some small change to the national digits makes the number valid in its country. */
function validWith(number: PhoneNumber, variants: (digits: string) => string[]): boolean {
  return variants(number.nationalNumber).some((digits) => {
    const candidate = parse(`+${number.countryCallingCode}${digits}`, "AU");
    return !(candidate instanceof Error) && candidate.isValid();
  });
}

function toType(type: LibNumberType | undefined): PhoneType {
  return type && (NUMBER_TYPES as readonly string[]).includes(type) ? (type as PhoneType) : "UNKNOWN";
}

/** Display formats for an E.164 string already in the database. */
export function formatE164(e164: string): { national: string; international: string } {
  const result = normalisePhone(e164);
  return result.ok
    ? { national: result.phone.national, international: result.phone.international }
    : { national: e164, international: e164 };
}

/**
 * How people read a number: the national format when it belongs to the reader's region (the default
 * region), the international format when it is foreign. E.164 is only for URLs and the API.
 */
export function displayNumber(e164: string, region: string): string {
  const result = normalisePhone(e164);
  if (!result.ok) return e164;
  return result.phone.country === region ? result.phone.national : result.phone.international;
}

export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
