// Client-safe: a query parameter may arrive repeated (?q=a&q=b) as an array; pages read the first.

export type RawParams = Record<string, string | string[] | undefined>;

export function firstParam(value: string | string[] | undefined, maxLength = 200): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first.slice(0, maxLength) : undefined;
}
