"use client";

import { useTransition } from "react";
import { signOutAction } from "./sign-out-action";

/**
 * Signs out, then loads the home page as a new page: what the page showed as this member's (their name,
 * their vote, their comment marks) goes with the old page, kept copy or not.
 */
export function SignOutButton() {
  const [pending, startTransition] = useTransition();
  return (
    <form
      action={() =>
        startTransition(async () => {
          await signOutAction();
          window.location.assign("/");
        })
      }
    >
      <button type="submit" disabled={pending} className="whitespace-nowrap rounded-md px-2 py-1.5 font-medium text-slate-600 hover:bg-slate-100">
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </form>
  );
}
