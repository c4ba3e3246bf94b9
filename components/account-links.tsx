"use client";

import Link from "next/link";
import { useMemberView } from "./member/member-view";
import { SignOutButton } from "./sign-out-button";

/**
 * The header's account links: "Sign in / Sign up", or the member's name and "Sign out". On a page rendered
 * for them the server passes their name; on the kept copy of a public page (the one visitors get) it comes
 * from GET /api/me.
 */
export function AccountLinks({ name: renderedName }: { name?: string }) {
  const view = useMemberView();
  const name = renderedName ?? view?.viewer.name;
  if (!name) {
    return (
      <>
        <Link href="/signin" className="font-medium" data-visitor-only>
          Sign in
        </Link>
        <Link href="/signup" data-visitor-only className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white no-underline hover:bg-brand-700 hover:no-underline">
          Sign up
        </Link>
      </>
    );
  }
  return (
    <>
      <Link href="/account" className="max-w-[8rem] truncate font-medium text-slate-800" data-testid="current-user">
        {name}
      </Link>
      <SignOutButton />
    </>
  );
}

/**
 * The header's "Moderation" link, for staff: on a page rendered for them the server says so (`rendered`); on the
 * kept copy of a public page it comes with their view from GET /api/me.
 */
export function ModerationLink({ rendered, className }: { rendered: boolean; className: string }) {
  const view = useMemberView();
  if (!rendered && !view?.viewer.staff) return null;
  return (
    <li>
      <Link href="/moderation" className={className}>
        Moderation
      </Link>
    </li>
  );
}
