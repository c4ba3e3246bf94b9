// Client-safe: a query parameter may arrive repeated (?q=a&q=b) as an array; pages read the first.

export type RawParams = Record<string, string | string[] | undefined>;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** The first value, without control characters (NUL cannot reach PostgreSQL) and at most maxLength long. */
export function firstParam(value: string | string[] | undefined, maxLength = 200): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first.replace(CONTROL_CHARACTERS, "").slice(0, maxLength) : undefined;
}
