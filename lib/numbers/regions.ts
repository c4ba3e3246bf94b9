// Constants the browser needs without libphonenumber's metadata (lib/numbers/phone.ts re-exports them).

/** Countries offered for numbers typed without a country code (search and report forms). */
export const SEARCH_REGIONS = [
  ["AU", "Australia"],
  ["NZ", "New Zealand"],
  ["GB", "United Kingdom"],
  ["US", "United States / Canada"],
] as const;
