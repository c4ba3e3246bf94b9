import "server-only";
import NextAuth, { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { Role } from "../generated/prisma/enums";
import { db } from "../platform/db";
import { env, secureCookies } from "../platform/env";
import { log } from "../platform/log";
import { AppError, isDatabaseUnavailable } from "../platform/errors";
import { burnPasswordCheck, verifyPassword } from "./password";
import { clientAddress } from "../platform/rate-limit";
import { afterSignInFailure, afterSignInSuccess, beforeSignInAttempt } from "./sign-in-limits";
import { signInSchema } from "./schema";
import { decodeSessionToken, encodeSessionToken } from "./session-token";
import { setMemberHint } from "./member-hint-cookie";
import { endSession, newSessionId, sessionEnded } from "./sessions";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; sessionVersion: number } & DefaultSession["user"];
  }
}

export const oauthProviders = {
  github: Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET),
  google: Boolean(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET),
};

// OAuth users have no password; their display name falls back to the e-mail's local part.
function adapter(): Adapter {
  const base = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...base,
    createUser: async (data) => {
      const email = data.email.toLowerCase();
      const user = await db.user.create({
        data: { email, name: data.name?.slice(0, 50) || email.split("@")[0], image: data.image, emailVerified: data.emailVerified },
        select: { id: true, email: true, name: true, image: true, emailVerified: true },
      });
      return user;
    },
  };
}

/** Too many sign-in attempts (lib/accounts/sign-in-limits.ts); the message says when to try again. */
export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
  /** Auth.js appends a "Read more at …" link to `message`; this is the sentence for the form. */
  readonly userMessage: string;
  constructor(userMessage: string) {
    super(userMessage);
    this.userMessage = userMessage;
  }
}

/**
 * The sign-in limits live here, not in the form's action: Auth.js also accepts credentials posted
 * straight to /api/auth/callback/credentials, which never passes through the action.
 */
async function checkCredentials(email: string, password: string) {
  const address = await clientAddress();
  try {
    await beforeSignInAttempt(email, address);
  } catch (error) {
    if (error instanceof AppError && error.code === "RATE_LIMITED") throw new SignInRateLimited(error.message);
    throw error;
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, deletedAt: true, sessionVersion: true },
  });
  if (!user?.passwordHash || user.deletedAt) {
    await burnPasswordCheck(password);
    await afterSignInFailure(email);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await afterSignInFailure(email);
    return null;
  }
  await afterSignInSuccess(email, address);
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

/** The user's current session version, or null when the account is gone. */
async function currentSessionVersion(userId: string): Promise<number | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true, deletedAt: true } });
  return user && !user.deletedAt ? user.sessionVersion : null;
}

const config: NextAuthConfig = {
  session: { strategy: "jwt" },
  // The same rule as the app's own cookies, so getActor (lib/accounts/authz.ts) knows the cookie's name.
  useSecureCookies: secureCookies,
  // Auth.js's own token format, with the derived key kept between requests (lib/accounts/session-token.ts).
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  // No trustHost here: Auth.js trusts the Host header only when the operator says so (AUTH_URL, which
  // pins the public origin, or AUTH_TRUST_HOST=true behind a proxy that sets it); scripts/run.mjs sets
  // AUTH_URL from APP_URL on a laptop.
  pages: { signIn: "/signin" },
  // Auth.js's own messages go to the JSON log; a wrong password is an expected event, not a stack trace.
  logger: {
    error: (error) => {
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") log.info({ type }, "sign-in refused");
      else log.error({ type, err: error }, "auth error");
    },
    warn: (code) => log.warn({ code }, "auth warning"),
    debug: () => undefined,
  },
  adapter: oauthProviders.github || oauthProviders.google ? adapter() : undefined,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        return checkCredentials(parsed.data.email, parsed.data.password);
      },
    }),
    ...(oauthProviders.github ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })] : []),
    ...(oauthProviders.google ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })] : []),
  ],
  events: {
    // Anyone signed in (staff too) is sent the kept copy of public pages from their first page on (the hint,
    // lib/accounts/member-hint.ts); without it their first page would be rendered for them.
    async signIn() {
      await setMemberHint();
    },
    // Signing out ends this browser's session on the server too: a copy of its cookie is refused from then on.
    async signOut(message) {
      if ("token" in message && message.token) await endSession(message.token);
    },
  },
  callbacks: {
    // The session version is read on every request: a bumped version (sign-out everywhere, password
    // reset, suspension, role change, deletion) ends every cookie issued before it.
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        // This browser's session, kept as the cookie is renewed: signing out ends it alone (lib/accounts/sessions.ts).
        token.sid = newSessionId();
        token.role = (user as { role?: Role }).role ?? Role.USER;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? (await currentSessionVersion(user.id)) ?? 0;
        return token;
      }
      const id = String(token.uid ?? token.sub ?? "");
      if (!id) return null;
      let version: number | null;
      let ended: boolean;
      try {
        [version, ended] = await Promise.all([currentSessionVersion(id), sessionEnded(token.sid)]);
      } catch (error) {
        // The database is away: keep the session rather than sign everyone out during an outage (Auth.js
        // would clear the cookie). Nothing is trusted on it: getActor re-reads the user and its session
        // version, which fails as "temporarily unavailable" while the database is away.
        if (isDatabaseUnavailable(error)) return token;
        throw error;
      }
      if (version === null || version !== token.sv || ended) return null;
      return token;
    },
    async session({ session, token }) {
      // The role here is for display only; every write re-reads the user (lib/accounts/authz.ts).
      session.user.id = String(token.uid ?? token.sub ?? "");
      session.user.role = (token.role as Role | undefined) ?? Role.USER;
      session.user.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);
