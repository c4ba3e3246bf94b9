/** Only same-site paths may be a post-sign-in destination (no open redirects). */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value.length > 2000 ? fallback : value;
}
