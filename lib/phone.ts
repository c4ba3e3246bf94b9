// Pure and browser-safe: the one place a typed phone number becomes E.164.
import { parsePhoneNumberWithError, ParseError, isSupportedCountry, validatePhoneNumberLength, type CountryCode, type NumberType as LibNumberType } from "libphonenumber-js/max";

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

const MAX_INPUT = 64;

export function isRegion(value: string | null | undefined): value is CountryCode {
  return !!value && /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}

export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Normalises any common spelling of a phone number to E.164 (`+61412345678`).
 * `region` applies to national spellings only; a number written with `+` or `00` ignores it.
 */
export function normalisePhone(raw: string, region: string = "AU"): PhoneResult {
  const input = (raw ?? "").trim().replace(/^tel:/i, "").split(/[;,]/)[0].trim();
  if (!input) return { ok: false, error: "Enter a phone number." };
  if (input.length > MAX_INPUT) return { ok: false, error: "That is too long to be a phone number." };
  if (!/\d/.test(input)) return { ok: false, error: "That is not a phone number: it has no digits." };
  const defaultCountry = isRegion(region) ? region : "AU";

  let result = tryParse(input, defaultCountry);
  // "0061 412 345 678": an international prefix other than the region's own.
  if (!result.ok && /^\s*00[1-9]/.test(input)) {
    const alt = tryParse("+" + input.trim().slice(2), defaultCountry);
    if (alt.ok) result = alt;
  }
  return result;
}

function tryParse(input: string, defaultCountry: CountryCode): PhoneResult {
  const where = countryName(defaultCountry) ?? defaultCountry;
  try {
    const number = parsePhoneNumberWithError(input, { defaultCountry, extract: false });
    if (!number.isValid()) {
      const length = validatePhoneNumberLength(input, defaultCountry);
      if (length === "TOO_SHORT" || length === "TOO_LONG") return { ok: false, error: messageFor(length, where) };
      if (!input.startsWith("+") && !number.isPossible()) {
        return { ok: false, error: `That is not a number in ${where} — add the country code (for example +44…).` };
      }
      return {
        ok: false,
        error: input.startsWith("+")
          ? "That is not a valid phone number for its country code."
          : `That is not a valid number in ${where} — check the digits, or add the country code.`,
      };
    }
    const country = number.country ?? null;
    return {
      ok: true,
      phone: {
        e164: number.number,
        country,
        countryName: countryName(country),
        type: toType(number.getType()),
        national: number.formatNational(),
        international: number.formatInternational(),
      },
    };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: messageFor(error.message, where) };
    return { ok: false, error: "That is not a phone number we can read." };
  }
}

function messageFor(code: string, where: string): string {
  switch (code) {
    case "TOO_SHORT":
      return "That number is too short.";
    case "TOO_LONG":
      return "That number is too long.";
    case "INVALID_COUNTRY":
      return `That is not a number in ${where} — add the country code.`;
    case "NOT_A_NUMBER":
      return "That is not a phone number.";
    case "INVALID_LENGTH":
      return "That number has the wrong number of digits.";
    default:
      return "That is not a phone number we can read.";
  }
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

export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
