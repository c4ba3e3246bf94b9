import "server-only";
import { cookies } from "next/headers";
import { secureCookies } from "../platform/env";
import { MEMBER_HINT_COOKIE, MEMBER_HINT_VALUE } from "./member-hint";

/** As long as a session lasts (Auth.js's default, 30 days); signing out clears it sooner. */
const HINT_MAX_AGE = 30 * 24 * 60 * 60;

/** The hint's attributes, for a Set-Cookie header (GET /api/me) and for the cookie store (signing in). */
const HINT = { path: "/", sameSite: "lax", secure: secureCookies, maxAge: HINT_MAX_AGE } as const;

/** The hint's Set-Cookie header: on for anyone signed in, off (expired) for a visitor or an ended session. */
export function memberHintHeader(on: boolean): string {
  const attributes = [`Path=${HINT.path}`, "SameSite=Lax", ...(HINT.secure ? ["Secure"] : []), `Max-Age=${on ? HINT.maxAge : 0}`];
  return [`${MEMBER_HINT_COOKIE}=${on ? MEMBER_HINT_VALUE : ""}`, ...attributes].join("; ");
}

/**
 * Sets the hint as anyone signs in (lib/accounts/auth.ts), so their first page is already the kept one. Where
 * the request's cookies cannot be written, the first GET /api/me sets it.
 */
export async function setMemberHint(): Promise<void> {
  try {
    (await cookies()).set(MEMBER_HINT_COOKIE, MEMBER_HINT_VALUE, HINT);
  } catch {
    // Not in a request whose cookies can be set: GET /api/me sets it on the member's first page.
  }
}

/** Drops the member-view hint: every way of signing out calls it (the next page then shows no one's parts). */
export async function clearMemberHint(): Promise<void> {
  (await cookies()).delete(MEMBER_HINT_COOKIE);
}
