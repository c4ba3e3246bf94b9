const BASE = "http://callercheck.invalid";

/**
 * Only same-site paths may be a post-sign-in destination (no open redirects). Browsers drop tabs and
 * newlines from URLs and read "\" as "/", so "/\t/evil.com" or "/\evil.com" would leave the site:
 * such paths are refused, and what remains must resolve to this origin.
 */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    return new URL(value, BASE).origin === BASE ? value : fallback;
  } catch {
    return fallback;
  }
}
