"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { hasMemberHint, MEMBER_PENDING_ATTRIBUTE } from "@/lib/accounts/member-hint";
import type { MemberView } from "./types";

// What is a member's own on a page everyone shares (their name in the header; on a number page their
// vote, the watch button, the comment form and their comments' marks; on an organisation's page its
// watch button and whether they manage it) comes from GET /api/me, asked
// once per page view by every part that needs it. The page itself may be the kept copy visitors get
// (scripts/server/page-cache.mjs sends it to a browser with the member-view hint), so these parts start
// as a visitor's and fill in when the answer comes.

/** What a page asks GET /api/me about besides the viewer: a number's parts or an organisation's. */
export const numberSubject = (e164: string) => `number=${encodeURIComponent(e164)}`;
export const organisationSubject = (id: string) => `organisation=${encodeURIComponent(id)}`;

/** Whether the server rendered this page for a signed-in user (false on a kept copy). */
const RenderedSignedIn = createContext(false);

export function MemberViewProvider({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  return <RenderedSignedIn value={signedIn}>{children}</RenderedSignedIn>;
}

type Asked = { subject: string | null; stamp: string; renderedSignedIn: boolean; promise: Promise<MemberView | null> };
/** The last request sent, and the one about to be sent (collecting who asks in the same moment). */
let latest: Asked | null = null;
let batch: Asked | null = null;

/** Shows the page's visitor-only parts again (hidden while a member's browser waits: see member-hint.ts), once React has drawn the answer. */
function endPending() {
  requestAnimationFrame(() => requestAnimationFrame(() => document.documentElement.removeAttribute(MEMBER_PENDING_ATTRIBUTE)));
}

async function fetchMemberView(subject: string | null, renderedSignedIn: boolean): Promise<MemberView | null> {
  try {
    const response = await fetch(subject ? `/api/me?${subject}` : "/api/me", { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return null;
    const view = (await response.json()) as MemberView;
    // Staff were sent the visitors' copy on a hint left from before (their pages also show hidden texts
    // and moderators' tools): the answer has cleared the hint, so this page is rendered for them instead.
    if (view.viewer.staff && !renderedSignedIn && !hasMemberHint(document.cookie)) window.location.reload();
    return view;
  } catch {
    return null;
  } finally {
    endPending();
  }
}

/**
 * One request for every part asking in the same moment (the header asks about no subject, a number
 * page's parts about its number: one request about the number answers all). An answer is reused by
 * later askers of the same page render (same stamp) and subject.
 */
function askMemberView(subject: string | null, stamp: string, renderedSignedIn: boolean): Promise<MemberView | null> {
  // Anyone's answer names the viewer; a subject's parts must be of this subject and this render.
  const covers = (asked: Asked) => asked.renderedSignedIn === renderedSignedIn && (subject === null || (asked.subject === subject && asked.stamp === stamp));
  if (latest && covers(latest)) return latest.promise;
  if (batch && batch.renderedSignedIn === renderedSignedIn && (subject === null || batch.subject === null || covers(batch))) {
    if (subject !== null) Object.assign(batch, { subject, stamp });
    return batch.promise;
  }
  const open: Asked = { subject, stamp, renderedSignedIn, promise: Promise.resolve(null) };
  open.promise = new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => {
    if (batch === open) batch = null;
    latest = open;
    return fetchMemberView(open.subject, renderedSignedIn);
  });
  batch = open;
  return open.promise;
}

/**
 * The signed-in user's view for this page (with a `subject`, their parts of its page), or null
 * for a visitor and until it has come. `stamp` names the page's render: a new render (after a comment is
 * posted, say) asks again.
 */
export function useMemberView(subject: string | null = null, stamp = ""): MemberView | null {
  const renderedSignedIn = useContext(RenderedSignedIn);
  // A new stamp asks again, but the answer so far stays until the new one comes: a form keeps its
  // "posted" message across the render its action caused (which, on a kept copy, is the first render
  // for them: renderedSignedIn turns true). Another subject starts afresh; signing out loads a new page.
  const whose = `${subject}`;
  const [answer, setAnswer] = useState<{ whose: string; view: MemberView | null } | null>(null);
  useEffect(() => {
    const hint = hasMemberHint(document.cookie);
    if (!renderedSignedIn && !hint) return;
    // A page rendered for them already names them; the header asks only to set the hint (GET /api/me does).
    if (renderedSignedIn && subject === null && hint) return;
    let live = true;
    void askMemberView(subject, stamp, renderedSignedIn).then((view) => {
      if (live) setAnswer({ whose, view });
    });
    return () => {
      live = false;
    };
  }, [whose, subject, stamp, renderedSignedIn]);
  return answer?.whose === whose ? answer.view : null;
}
