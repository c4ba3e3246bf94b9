import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { test as base, expect, type BrowserContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { E2E_DATABASE, TEST_PG_PORT, withDatabase } from "../scripts/test/test-db.mjs";

export type Role = "USER" | "MODERATOR" | "ADMIN";
export type TestUser = { id: string; email: string; name: string; password: string; role: Role };
type UserOptions = { role?: Role; name?: string; verified?: boolean; ageDays?: number; suspended?: boolean };

/** The e2e server's database (see scripts/test/e2e-server.mjs), for fixtures that set up data directly. */
export function e2eDatabaseUrl(): string {
  const admin =
    process.env.TEST_PG_ADMIN_URL ??
    (process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, "postgres") : `postgresql://postgres:postgres@127.0.0.1:${TEST_PG_PORT}/postgres`);
  return withDatabase(admin, E2E_DATABASE);
}

let pool: pg.Pool | undefined;
export const sql = () => (pool ??= new pg.Pool({ connectionString: e2eDatabaseUrl(), max: 4 }));

export const uniqueSuffix = () => randomBytes(5).toString("hex");

/**
 * Headers that give a browser context its own client address, so per-address rate limits never
 * couple tests. The test server trusts loopback as a proxy (TRUSTED_PROXIES in
 * scripts/test/e2e-server.mjs), so this X-Forwarded-For is read as a load balancer's would be; the
 * app does not believe it from any other peer. Addresses come from 2001:db8::/32 (documentation).
 */
export function ownClientAddress(): Record<string, string> {
  const groups = Array.from({ length: 6 }, () => randomBytes(2).toString("hex"));
  return { "x-forwarded-for": `2001:db8:${groups.join(":")}` };
}

/** Creates a member directly in the database; the password works in the sign-in form too. */
export async function createUser(options: UserOptions = {}): Promise<TestUser> {
  const suffix = uniqueSuffix();
  const user = {
    id: `e2e${suffix}`,
    email: `e2e-${suffix}@example.com`,
    name: options.name ?? `Tester ${suffix.slice(0, 4)}`,
    password: `password-${suffix}`,
    role: options.role ?? "USER",
  };
  const created = new Date(Date.now() - (options.ageDays ?? 40) * 86_400_000);
  await sql().query(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, "emailVerified", "createdAt", "updatedAt", "suspendedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8)`,
    [user.id, user.email, user.name, await hash(user.password), user.role, options.verified === false ? null : created, created, options.suspended ? new Date() : null],
  );
  return user;
}

/** A fresh Australian mobile number nobody has used in these tests. */
export const freshNumber = () => `+61413${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;

/** A number reported by `reporters` distinct members (the privacy rule needs two before texts show). */
export async function reportedNumber(reporters: number): Promise<string> {
  const e164 = freshNumber();
  await sql().query(`INSERT INTO "PhoneNumber" (e164, country, type, "reportCount", "reporterCount", "updatedAt") VALUES ($1, 'AU', 'MOBILE', $2, $2, now())`, [e164, reporters]);
  for (let i = 0; i < reporters; i++) {
    const reporter = await createUser();
    await sql().query(`INSERT INTO "NumberReporter" (e164, "userId", category, reports, "lastReportedAt") VALUES ($1, $2, 'SCAM', 1, now())`, [e164, reporter.id]);
  }
  return e164;
}

/** Signs a user in without the UI by minting the same JWT session cookie Auth.js would. */
export async function signInAs(context: BrowserContext, user: TestUser): Promise<void> {
  const cookieName = "authjs.session-token";
  // The session version must match the user's (lib/accounts/auth.ts ends sessions by bumping it).
  const { rows } = await sql().query(`SELECT "sessionVersion" FROM "User" WHERE id = $1`, [user.id]);
  const sv = rows[0]?.sessionVersion ?? 0;
  const token = await encode({
    token: { sub: user.id, uid: user.id, role: user.role, name: user.name, email: user.email, sv },
    secret: process.env.E2E_AUTH_SECRET!,
    salt: cookieName,
  });
  const url = new URL(process.env.E2E_BASE_URL!);
  await context.addCookies([{ name: cookieName, value: token, domain: url.hostname, path: "/", httpOnly: true, sameSite: "Lax" }]);
}

type Fixtures = {
  /** A signed-in member (TL1: confirmed, 40 days old). */
  member: TestUser;
  moderator: TestUser;
};

export const test = base.extend<Fixtures>({
  // Each test comes from its own address (see ownClientAddress).
  context: async ({ context }, use) => {
    await context.setExtraHTTPHeaders(ownClientAddress());
    await use(context);
  },
  member: async ({ context }, use) => {
    const user = await createUser();
    await signInAs(context, user);
    await use(user);
  },
  moderator: async ({ context }, use) => {
    const user = await createUser({ role: "MODERATOR" });
    await signInAs(context, user);
    await use(user);
  },
});

/** Latest outbox message to an address (the app writes every e-mail there). */
export async function latestMail(to: string): Promise<{ subject: string; text: string } | null> {
  const { rows } = await sql().query(`SELECT subject, text FROM "OutboxEmail" WHERE "to" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [to]);
  return rows[0] ?? null;
}

/** Waits for a message to an address whose subject matches: sign-up and reset mail is sent after the form has answered. */
export async function waitForMail(to: string, subject: RegExp): Promise<{ subject: string; text: string }> {
  let found: { subject: string; text: string } | null = null;
  await expect
    .poll(async () => {
      found = await latestMail(to);
      return found?.subject ?? "";
    }, { message: `a message to ${to} matching ${subject}` })
    .toMatch(subject);
  return found!;
}

export { expect };
