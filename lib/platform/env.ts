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
  DEFAULT_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, "DEFAULT_REGION must be an ISO 3166 alpha-2 code such as AU")
    .default("AU"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("CallerCheck <no-reply@callercheck.local>"),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  NODE_ENV: z.string().default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  // Lets end-to-end tests open development-only pages (the outbox) on a production build.
  ENABLE_DEV_PAGES: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  return envSchema.parse(source);
}

export const env = parseEnv(process.env);

export const isDevPagesEnabled = env.NODE_ENV !== "production" || env.ENABLE_DEV_PAGES === "1";
