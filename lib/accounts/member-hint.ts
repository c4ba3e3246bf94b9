// The "member view" hint: a cookie (not HttpOnly: the page's own script reads it) that says this browser
// belongs to someone signed in (staff too). It carries nothing secret and grants nothing. It only lets the
// server (scripts/server/page-cache.mjs) send such a browser the kept copy of a public page, the one
// visitors get, instead of rendering it for them: what is theirs on it (their name in the header, their
// vote, the watch button, the comment form and their own comments' marks; for staff, the Moderation link
// and the hidden texts only staff read) is then filled in by the page from GET /api/me (components/member),
// which checks the session and the role. A forged hint only gets a visitor's page.
//
// Set on signing in and by GET /api/me, cleared by GET /api/me for an ended session and on signing out. Shared with
// scripts/server/page-cache.mjs, which spells the same name and value.
export const MEMBER_HINT_COOKIE = "callercheck-view";
export const MEMBER_HINT_VALUE = "member";

/** Whether a Cookie header (or document.cookie) carries the hint. */
export function hasMemberHint(cookieHeader: string | null | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => part.trim() === `${MEMBER_HINT_COOKIE}=${MEMBER_HINT_VALUE}`);
}

/** Set on <html> while a page with the hint waits for GET /api/me: its visitor-only parts stay hidden. */
export const MEMBER_PENDING_ATTRIBUTE = "data-member-pending";

/**
 * Run in <head> before the page paints (app/layout.tsx): with the hint, the visitor-only parts
 * ([data-visitor-only]: "Sign in", "Sign in to vote"…) are hidden (their space kept) until the member's
 * own parts have come (components/member/member-view.tsx lifts it), or after 3 s whatever happens.
 */
export const MEMBER_PENDING_SCRIPT = `(function(){var d=document.documentElement;if(/(?:^|;\\s*)${MEMBER_HINT_COOKIE}=${MEMBER_HINT_VALUE}(?:;|$)/.test(document.cookie)){d.setAttribute("${MEMBER_PENDING_ATTRIBUTE}","");setTimeout(function(){d.removeAttribute("${MEMBER_PENDING_ATTRIBUTE}")},3000)}})()`;
