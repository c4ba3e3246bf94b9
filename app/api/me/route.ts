import { getActorById, readSessionFrom } from "@/lib/accounts/authz";
import { memberHintHeader } from "@/lib/accounts/member-hint-cookie";
import { normalisePhone } from "@/lib/numbers/phone";
import { apiRoute, errorJson } from "@/lib/platform/api";
import { env } from "@/lib/platform/env";
import { LocalLimit } from "@/lib/platform/local-limit";
import type { MemberView } from "@/components/member/types";
import { memberViewerOf } from "@/components/member/viewer";
import { memberNumberView } from "@/lib/numbers/member-parts";
import { memberOrganisationView } from "@/lib/organisations/member-parts";

export const dynamic = "force-dynamic";

const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * A member's parts of the pages they view, 600 a minute per member: far past anyone reading pages, and it
 * stops one session walking numbers through this route. Counted in memory (per process), because it is
 * spent on every member's page view and the page views themselves cost no statement either.
 */
const memberPartsLimit = new LocalLimit(600, 60_000);

/** No session, or one that has ended: a 401, and the hint cleared. */
const notSignedIn = () => errorJson("UNAUTHENTICATED", "You are not signed in.", { ...PRIVATE, "Set-Cookie": memberHintHeader(false) });

/** An organisation's id as the app makes them (cuid) or the seed does (readable ids): letters, digits, - and _. */
const ORGANISATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * GET /api/me[?number=+61…|?organisation=<id>] — who is signed in (name, staff or not, suspended or not)
 * and, with a number or an organisation, what is theirs on its page (components/member fills it into the
 * page everyone shares; staff's parts also carry the hidden texts only they read there). Visitors get a 401.
 * Every answer sets or clears the member-view hint (lib/accounts/member-hint.ts): set for anyone signed in,
 * cleared for visitors and ended sessions.
 */
export const GET = apiRoute(
  async (request: Request) => {
    const query = new URL(request.url).searchParams;
    const asked = query.get("number");
    const organisationId = query.get("organisation");
    if (asked !== null && organisationId !== null) return errorJson("INVALID", "Ask about a number or an organisation, not both.", PRIVATE);
    let e164: string | null = null;
    if (asked !== null) {
      const phone = normalisePhone(asked, env.DEFAULT_REGION);
      if (!phone.ok || phone.phone.e164 !== asked) return errorJson("INVALID", "number must be a phone number in international form, like +61291234567.", PRIVATE);
      e164 = phone.phone.e164;
    }
    if (organisationId !== null && !ORGANISATION_ID.test(organisationId)) return errorJson("INVALID", "organisation must be an organisation's id.", PRIVATE);
    // From the request itself, not next/headers: scripts/server.mjs calls this handler directly (write-lane.mjs).
    const session = await readSessionFrom(request.headers);
    if (!session) return notSignedIn();
    if (e164 || organisationId) {
      const spent = memberPartsLimit.spend(session.userId);
      if (!spent.ok) return errorJson("RATE_LIMITED", `Too many requests. Try again in ${spent.retryAfterSeconds} seconds.`, { ...PRIVATE, "Retry-After": String(spent.retryAfterSeconds) });
    }
    // One statement: the session's user, with their parts of the number's or the organisation's page.
    const { userId, sessionVersion, sid } = session;
    const numberView = e164 ? await memberNumberView(userId, sessionVersion, e164, { sid }) : null;
    const organisationView = organisationId ? await memberOrganisationView(userId, sessionVersion, organisationId, { sid }) : null;
    const actor = e164 ? numberView?.actor : organisationId ? organisationView?.actor : await getActorById(userId, sessionVersion, sid);
    if (!actor) return notSignedIn();
    const viewer = memberViewerOf(actor);
    const body: MemberView = {
      viewer,
      ...(numberView ? { number: numberView.parts } : {}),
      ...(organisationView ? { organisation: organisationView.parts } : {}),
    };
    return Response.json(body, { headers: { ...PRIVATE, "Set-Cookie": memberHintHeader(true) } });
  },
  // Not the API's per-address limit: a member's parts of a page are limited per member (memberPartsLimit),
  // and a visitor gets a 401 from the session cookie alone.
  { limit: false },
);
