"use client";

import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { hasMemberHint, MEMBER_PENDING_ATTRIBUTE } from "@/lib/accounts/member-hint";
import type { MemberView } from "./types";

// What is a member's own on a page everyone shares (their name in the header; on a number page their
// vote, the watch button, the comment form and their comments' marks; on an organisation's page its
// watch button and whether they manage it). A page rendered for them brings it along (MemberViewSeed);
// the kept copy visitors get (scripts/server/page-cache.mjs sends it to a browser with the member-view
// hint) does not, so its parts start as a visitor's and fill in from GET /api/me, asked once per page
// view by every part that needs it.

/** Who the layout was rendered for: nobody on a kept copy. */
type Rendered = { signedIn: boolean };
const RenderedFor = createContext<Rendered>({ signedIn: false });

export function MemberViewProvider({ signedIn, children }: Rendered & { children: ReactNode }) {
  return <RenderedFor value={{ signedIn }}>{children}</RenderedFor>;
}

/**
 * A page rendered for a signed-in user: their parts of it, read on the server, so nothing waits for
 * /api/me. Pages render it for visitors too (view null), so the tree keeps its shape when an action
 * renders a kept copy again for the member: its forms keep their state and "posted" messages.
 */
type Seed = { subject: string; stamp: string; view: MemberView };
const SeedContext = createContext<Seed | null>(null);

export function MemberViewSeed({ subject, stamp, view, children }: Omit<Seed, "view"> & { view: MemberView | null; children: ReactNode }) {
  return <SeedContext value={view ? { subject, stamp, view } : null}>{children}</SeedContext>;
}

type Asked = { subject: string | null; stamp: string; signedIn: boolean; at: number; promise: Promise<MemberView | null>; failed?: boolean };

/**
 * How long an answer names the viewer for later pages of the tab (client-side navigations): after that the next
 * page asks again, so a session ended elsewhere ("Sign out of all devices") stops showing its name here too.
 */
const VIEWER_REUSE_MS = 30_000;
/** The last request sent, and the one about to be sent (collecting who asks in the same moment). */
let latest: Asked | null = null;
let batch: Asked | null = null;
let inFlight = 0;

/** Shows the page's visitor-only parts again (hidden while a member's browser waits: see member-hint.ts), once React has drawn the last answer. */
function endPending() {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (inFlight === 0 && batch === null) document.documentElement.removeAttribute(MEMBER_PENDING_ATTRIBUTE);
    }),
  );
}

async function fetchMemberView(asked: Asked): Promise<MemberView | null> {
  inFlight++;
  try {
    const response = await fetch(asked.subject ? `/api/me?${asked.subject}` : "/api/me", { cache: "no-store", credentials: "same-origin" });
    if (response.status === 401) return null;
    if (!response.ok) throw new Error(`GET /api/me answered ${response.status}`);
    return (await response.json()) as MemberView;
  } catch {
    // Not kept: the next part to ask (or the next page) tries again.
    asked.failed = true;
    if (latest === asked) latest = null;
    return null;
  } finally {
    inFlight--;
    endPending();
  }
}

/**
 * One request for every part asking in the same moment (the header asks about no subject, a number
 * page's parts about its number: one request about the number answers all). An answer is reused by
 * later askers of the same page render (same stamp) and subject.
 */
function askMemberView(subject: string | null, stamp: string, signedIn: boolean): Promise<MemberView | null> {
  // Anyone's answer names the viewer; a subject's parts must be of this subject and this render.
  const covers = (asked: Asked) =>
    asked.signedIn === signedIn && (subject === null ? Date.now() - asked.at < VIEWER_REUSE_MS : asked.subject === subject && asked.stamp === stamp);
  if (latest && !latest.failed && covers(latest)) return latest.promise;
  if (batch && batch.signedIn === signedIn && (subject === null || batch.subject === null || covers(batch))) {
    if (subject !== null) Object.assign(batch, { subject, stamp });
    return batch.promise;
  }
  const open: Asked = { subject, stamp, signedIn, at: Date.now(), promise: Promise.resolve(null) };
  open.promise = new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => {
    if (batch === open) batch = null;
    latest = open;
    return fetchMemberView(open);
  });
  batch = open;
  return open.promise;
}

/**
 * The signed-in user's view for this page (with a `subject`, their parts of its page), or null for a
 * visitor and until it has come. `stamp` names the page's render: a new render (after a comment is
 * posted, say) brings a new seed or asks again.
 */
export function useMemberView(subject: string | null = null, stamp = ""): MemberView | null {
  const rendered = useContext(RenderedFor);
  const seed = useContext(SeedContext);
  const seeded = seed !== null && subject !== null && seed.subject === subject && seed.stamp === stamp ? seed.view : null;
  const pathname = usePathname();
  // A new stamp asks again, but the answer so far stays until the new one comes: a form keeps its
  // "posted" message across the render its action caused. Another subject starts afresh.
  const whose = `${subject}`;
  const [answer, setAnswer] = useState<{ whose: string; view: MemberView | null } | null>(null);
  useEffect(() => {
    if (seeded) return;
    const hint = hasMemberHint(document.cookie);
    if (!rendered.signedIn && !hint) {
      // Signed out (every way of signing out clears the hint): nothing of anyone's stays on the page.
      setAnswer(null);
      return;
    }
    // A page rendered for them already names them in the header; it asks only to set the hint, once.
    if (subject === null && rendered.signedIn && hint) return;
    let live = true;
    void askMemberView(subject, stamp, rendered.signedIn).then((view) => {
      if (live) setAnswer({ whose, view });
    });
    return () => {
      live = false;
    };
  }, [seeded, whose, subject, stamp, rendered.signedIn, pathname]);
  if (seeded) return seeded;
  return answer?.whose === whose ? answer.view : null;
}
