import { z } from "zod";

// Every environment variable the app reads goes through here (README lists them). Parsing never
// requires a database setting, so `next build` works with none; code that needs one asks for it
// when it is first used (lib/platform/db.ts).
const csv = z
  .string()
  .optional()
  .transform((value) => (value ?? "").split(",").map((part) => part.trim()).filter(Boolean));

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  // Optional read replicas (comma list of URLs) for reads that tolerate a little lag.
  DATABASE_REPLICA_URLS: csv,
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Lifetime of the in-process data cache (lib/platform/data-cache.ts); 0 turns it off. */
  DATA_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),
  /** Lifetime of visitors' kept pages in scripts/server.mjs (read there, scripts/server/page-cache.mjs); default DATA_CACHE_SECONDS, 0 turns it off. */
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(3600).optional(),
  DEFAULT_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, "DEFAULT_REGION must be an ISO 3166 alpha-2 code such as AU")
    .default("AU"),
  /** Unset: the local address on PORT, so links and canonical URLs follow the port the app runs on. */
  APP_URL: z.string().url().optional(),
  PORT: z.string().regex(/^\d{1,5}$/, "PORT must be a port number").optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("CallerCheck <no-reply@callercheck.local>"),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  NODE_ENV: z.string().default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** Signs the proof-of-work challenges of reports without an account and keys visitors' address hashes. */
  ALTCHA_HMAC_KEY: z.string().min(16, "ALTCHA_HMAC_KEY must be at least 16 characters").optional(),
  // Lets end-to-end tests open development-only pages (the outbox) on a production build.
  ENABLE_DEV_PAGES: z.string().optional(),
});

/** The public base URL: APP_URL when set, else this machine on the port the app listens on. */
export function appUrlFrom(vars: { APP_URL?: string; PORT?: string }): string {
  return (vars.APP_URL ?? `http://localhost:${vars.PORT ?? "3000"}`).replace(/\/+$/, "");
}

export type Env = Omit<z.infer<typeof envSchema>, "APP_URL"> & { APP_URL: string };

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.parse(source);
  return { ...parsed, APP_URL: appUrlFrom(parsed) };
}

export const env = parseEnv(process.env);

/**
 * Secrets are read when they are used, not parsed at start-up: `next build` runs without them, and a
 * process (or a test) may set them after this module loaded. Empty counts as unset.
 */
export function secretFromEnv(name: "AUTH_SECRET" | "ALERTS_SECRET"): string | undefined {
  return process.env[name] || undefined;
}

/** Cookies get the Secure flag only where the site is served over HTTPS in production. */
export const secureCookies = env.NODE_ENV === "production" && env.APP_URL.startsWith("https:");

export const isDevPagesEnabled = env.NODE_ENV !== "production" || env.ENABLE_DEV_PAGES === "1";

/**
 * The secrets session tokens are sealed with, as next-auth picks them: `AUTH_SECRET` (or `NEXTAUTH_SECRET`)
 * alone when set; otherwise Auth.js's rotation list `AUTH_SECRET_3`, `_2`, `_1`, newest first.
 */
export function authSecrets(): string[] {
  const main = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (main) return [main];
  return [process.env.AUTH_SECRET_3, process.env.AUTH_SECRET_2, process.env.AUTH_SECRET_1].filter((secret): secret is string => Boolean(secret));
}
