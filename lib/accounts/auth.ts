import "server-only";
import NextAuth, { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Role } from "../generated/prisma/enums";
import { db } from "../platform/db";
import { env } from "../platform/env";
import { log } from "../platform/log";
import { AppError } from "../platform/errors";
import { burnPasswordCheck, verifyPassword } from "./password";
import { addressFrom, consumeLimit } from "../platform/rate-limit";
import { signInSchema } from "./schema";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
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

/** Too many attempts for this address and e-mail; the message says when to try again. */
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
 * The sign-in limit lives here, not in the form's action: Auth.js also accepts credentials posted
 * straight to /api/auth/callback/credentials, which never passes through the action.
 */
export async function spendSignInAttempt(request: Request | undefined, email: string): Promise<void> {
  try {
    await consumeLimit("signin", `${addressFrom(request?.headers ?? new Headers())}:${email}`, "Too many sign-in attempts");
  } catch (error) {
    if (error instanceof AppError && error.code === "RATE_LIMITED") throw new SignInRateLimited(error.message);
    throw error;
  }
}

const config: NextAuthConfig = {
  session: { strategy: "jwt" },
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
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        await spendSignInAttempt(request, email);
        const user = await db.user.findUnique({
          where: { email },
          select: { id: true, email: true, name: true, role: true, passwordHash: true, deletedAt: true },
        });
        if (!user?.passwordHash || user.deletedAt) {
          await burnPasswordCheck(password);
          return null;
        }
        if (!(await verifyPassword(user.passwordHash, password))) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
    ...(oauthProviders.github ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })] : []),
    ...(oauthProviders.google ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })] : []),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.role = (user as { role?: Role }).role ?? "USER";
      }
      return token;
    },
    async session({ session, token }) {
      // The role here is for display only; every write re-reads the user (lib/accounts/authz.ts).
      session.user.id = String(token.uid ?? token.sub ?? "");
      session.user.role = (token.role as Role | undefined) ?? "USER";
      return session;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);
