import "server-only";
import { cache } from "react";
import type { Role } from "../generated/prisma/enums";
import { headers } from "next/headers";
import { db, sql } from "../platform/db";
import { authSecrets, secureCookies } from "../platform/env";
import { AppError } from "../platform/errors";
import { isModerator, STAFF_ROLES } from "./roles";
import { parseCookies, readSessionToken, type SessionClaims } from "./session-token";

/** The signed-in user as the server sees them now (fresh role and suspension, not the cookie's). */
export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
  emailVerified: Date | null;
  suspendedAt: Date | null;
  /**
   * The member's kept trust inputs as read with their session (lib/trust/legitimacy.ts): a report that
   * cannot move their level is filed in one statement that checks them (lib/reports/report.ts). Absent
   * where an actor is built without them; those reports take the transactional way.
   */
  visibleReportCount?: number;
  trustLevel?: string;
};

/** What getActorById reads: the actor, whether the account was deleted and its session version. */
type ActorRow = Required<Actor> & { deletedAt: Date | null; sessionVersion: number };
const ACTOR_COLUMNS: ReadonlyArray<keyof ActorRow> = ["id", "name", "email", "role", "createdAt", "emailVerified", "suspendedAt", "deletedAt", "sessionVersion", "visibleReportCount", "trustLevel"];
const ACTOR_SELECT = ACTOR_COLUMNS.map((column) => `u."${column}"`).join(", ");

/**
 * Once per render: the header and the page both ask, and each ask costs a session read (memoised per
 * token) and one database read (the user with its session version). React's cache() is per request and
 * does nothing outside a render (route handlers and server actions read it once anyway).
 */
export const getActor = cache(async (): Promise<Actor | null> => getActorFrom(await headers()));

/**
 * The signed-in user of a request whose headers are at hand (a route handler's): the same read as getActor,
 * without Next's request scope, so a write route also runs when scripts/server.mjs calls it directly.
 */
export async function getActorFrom(list: Headers): Promise<Actor | null> {
  const session = await readSessionFrom(list);
  if (!session) return null;
  return getActorById(session.userId, session.sessionVersion, session.sid);
}

/** Auth.js's session cookie: the __Secure- name where cookies are secure (the NextAuth config sets the same flag). */
const SESSION_COOKIE = secureCookies ? "__Secure-authjs.session-token" : "authjs.session-token";

/**
 * The request's session cookie, read as Auth.js's auth() reads it (same cookie name, first-wins parsing,
 * salt, secrets and token format; a cookie over 4 kB arrives in numbered chunks) but without its detour:
 * auth() builds a request for its own /session endpoint, reads the session version in the jwt callback
 * and re-encrypts a rolled cookie that a server component cannot set, and getActorById below reads the
 * user and its session version anyway. Signing in and out still go through Auth.js.
 */
export async function readSessionFrom(list: Headers): Promise<SessionClaims | null> {
  const header = list.get("cookie");
  if (!header || !header.includes(SESSION_COOKIE)) return null;
  const cookies = parseCookies(header);
  const whole = cookies.get(SESSION_COOKIE);
  const token = whole
    ? whole
    : [...cookies]
        .filter(([name]) => name.startsWith(`${SESSION_COOKIE}.`) && /^\d+$/.test(name.slice(SESSION_COOKIE.length + 1)))
        .sort(([a], [b]) => Number(a.slice(SESSION_COOKIE.length + 1)) - Number(b.slice(SESSION_COOKIE.length + 1)))
        .map(([, value]) => value)
        .join("");
  return token ? readSessionToken(token, SESSION_COOKIE, authSecrets()) : null;
}

/**
 * The user by id; with a session version, null unless it is still the user's current one; with a session id
 * (`sid`), null once that session was signed out (lib/accounts/sessions.ts).
 */
export async function getActorById(id: string, sessionVersion?: number, sid?: string): Promise<Actor | null> {
  // Every signed-in request reads this: one plain statement (sql).
  return (await readActorWith(id, sessionVersion, undefined, [], sid))?.actor ?? null;
}

/**
 * The user as getActorById reads them, with `columns` read beside them in the same statement (SQL over
 * "User" u; $1 is the user, `params` follow as $2, $3…): one round trip for the user and their rows on a page
 * (lib/numbers/member-parts.ts, lib/organisations/member-parts.ts). Null where getActorById answers null.
 */
export async function readActorWith<Extra extends object = object>(
  id: string,
  sessionVersion?: number,
  columns?: string,
  params: readonly unknown[] = [],
  sid?: string,
): Promise<{ actor: Actor; row: Extra } | null> {
  // The signed-out check rides in the same statement, as the last parameter.
  const ended = sid ? `, EXISTS (SELECT 1 FROM "EndedSession" e WHERE e.id = $${params.length + 2}) AS "sessionEnded"` : "";
  const [row] = await sql<ActorRow & Extra & { sessionEnded?: boolean }>(
    `SELECT ${ACTOR_SELECT}${columns ? `, ${columns}` : ""}${ended} FROM "User" u WHERE u.id = $1`,
    sid ? [id, ...params, sid] : [id, ...params],
  );
  if (!row || row.deletedAt || row.sessionEnded) return null;
  if (sessionVersion !== undefined && sessionVersion !== row.sessionVersion) return null;
  // Only the actor's own columns: the row carries the others read beside them.
  const { name, email, role, createdAt, emailVerified, suspendedAt, visibleReportCount, trustLevel } = row;
  return { actor: { id: row.id, name, email, role, createdAt, emailVerified, suspendedAt, visibleReportCount, trustLevel }, row };
}

/** Ends every session of the user, this one included (the cookie no longer matches). */
export async function endAllSessions(userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Throws unless the actor may write at all: signed in and not suspended. Commands call it too. */
export function assertCanWrite(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do that.");
  if (actor.suspendedAt) throw new AppError("FORBIDDEN", "Your account is suspended, so you cannot post, report or vote.");
}

export function assertRole(actor: Actor | null, ...roles: Role[]): asserts actor is Actor {
  assertCanWrite(actor);
  if (!roles.includes(actor.role)) throw new AppError("FORBIDDEN", "You do not have permission to do that.");
}

/** For actions: the signed-in, unsuspended user, or an UNAUTHENTICATED/FORBIDDEN AppError. */
export async function requireUser(): Promise<Actor> {
  const actor = await getActor();
  assertCanWrite(actor);
  return actor;
}

export async function requireRole(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  assertRole(actor, ...roles);
  return actor;
}


/** For moderation commands: a signed-in, unsuspended moderator or admin. */
export function assertModerator(actor: Actor | null): asserts actor is Actor {
  assertRole(actor, ...STAFF_ROLES);
}

export const requireModerator = () => requireRole(...STAFF_ROLES);

/** True when the actor is an active representative of the organisation (moderators are not, by this). */
export async function representsOrganisation(actor: Pick<Actor, "id"> | null, organisationId: string): Promise<boolean> {
  if (!actor) return false;
  const row = await db.organisationRepresentative.findFirst({ where: { userId: actor.id, organisationId, status: "ACTIVE" }, select: { id: true } });
  return row !== null;
}

/** Who may act for an organisation (publish, policy, statements, calls): its active representatives and staff. */
export async function canManageOrganisation(actor: Actor | null, organisationId: string): Promise<boolean> {
  if (!actor || actor.suspendedAt) return false;
  return isModerator(actor) || representsOrganisation(actor, organisationId);
}

/** Throws unless the actor may act for the organisation; commands call it before any write. */
export async function assertCanManageOrganisation(actor: Actor | null, organisationId: string): Promise<Actor> {
  assertCanWrite(actor);
  if (!(await canManageOrganisation(actor, organisationId))) throw new AppError("FORBIDDEN", "Only this organisation's verified representatives can do that.");
  return actor;
}
