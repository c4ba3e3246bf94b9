// The Content-Security-Policy and the other security headers, in one place (README "Security").
// Pure: proxy.ts builds the policy per request with a fresh nonce; next.config.js sends the static ones.

export type CspOptions = {
  nonce: string;
  /** React's development build evaluates code; never in production. */
  development: boolean;
  /** Only over https: upgrade-insecure-requests would break a plain-http test server. */
  https: boolean;
  /** OAuth providers a sign-in form may be redirected to. */
  formTargets?: string[];
};

/**
 * Scripts run only with this request's nonce ('strict-dynamic' lets Next's nonce'd loader add its
 * chunks); no 'unsafe-inline' or 'unsafe-eval' for scripts in production. Styles allow inline
 * attributes (bar widths, chart library), which cannot run code. Nothing may frame the site.
 */
export function contentSecurityPolicy({ nonce, development, https, formTargets = [] }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTargets.map((target) => ` ${target}`).join("")}`,
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A fresh 128-bit nonce, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export const PERMISSIONS_POLICY =
  "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()";

/** Two years, subdomains included; sent by production builds only (a browser ignores it over http). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
