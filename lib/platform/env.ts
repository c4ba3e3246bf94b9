import { z } from "zod";

// Read once; every variable has a default that works on a laptop. README lists them.
const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
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
  // Lets end-to-end tests open development-only pages (the outbox) on a production build.
  ENABLE_DEV_PAGES: z.string().optional(),
});

export const env = envSchema.parse(process.env);

export const isDevPagesEnabled = env.NODE_ENV !== "production" || env.ENABLE_DEV_PAGES === "1";
