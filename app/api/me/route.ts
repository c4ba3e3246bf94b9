import { getActor } from "@/lib/accounts/authz";
import { MEMBER_HINT_COOKIE, MEMBER_HINT_VALUE } from "@/lib/accounts/member-hint";
import { normalisePhone } from "@/lib/numbers/phone";
import { apiRoute, errorJson } from "@/lib/platform/api";
import { env, secureCookies } from "@/lib/platform/env";
import { isStaffRole } from "@/lib/accounts/roles";
import { memberNumberParts, type MemberView } from "@/lib/numbers/member-parts";

export const dynamic = "force-dynamic";

/** As long as a session lasts (Auth.js's default, 30 days); signing out clears it sooner. */
const HINT_MAX_AGE = 30 * 24 * 60 * 60;
const PRIVATE = { "Cache-Control": "private, no-store" };

function hintCookie(on: boolean): string {
  const attributes = ["Path=/", "SameSite=Lax", ...(secureCookies ? ["Secure"] : []), `Max-Age=${on ? HINT_MAX_AGE : 0}`];
  return [`${MEMBER_HINT_COOKIE}=${on ? MEMBER_HINT_VALUE : ""}`, ...attributes].join("; ");
}

/**
 * GET /api/me[?number=+61…] — who is signed in (name, staff or not, suspended or not) and, with a
 * number, what is theirs on its page (components/member fills it into the page everyone shares).
 * Visitors get a 401. Every answer sets or clears the member-view hint (lib/accounts/member-hint.ts):
 * set for a member who is not staff, cleared for staff (their number pages show hidden texts, so they
 * are always rendered) and for visitors.
 */
export const GET = apiRoute(
  async (request: Request) => {
    const asked = new URL(request.url).searchParams.get("number");
    let e164: string | null = null;
    if (asked !== null) {
      const phone = normalisePhone(asked, env.DEFAULT_REGION);
      if (!phone.ok || phone.phone.e164 !== asked) return errorJson("INVALID", "number must be a phone number in international form, like +61291234567.", PRIVATE);
      e164 = phone.phone.e164;
    }
    const actor = await getActor();
    if (!actor) return errorJson("UNAUTHENTICATED", "You are not signed in.", { ...PRIVATE, "Set-Cookie": hintCookie(false) });
    const viewer = { name: actor.name, staff: isStaffRole(actor.role), suspended: actor.suspendedAt !== null };
    const body: MemberView = { viewer, ...(e164 ? { number: await memberNumberParts(actor, e164) } : {}) };
    return Response.json(body, { headers: { ...PRIVATE, "Set-Cookie": hintCookie(!viewer.staff) } });
  },
  // A member's own page parts: no per-address limit to spend (a visitor gets a 401 without a database read).
  { limit: false },
);
