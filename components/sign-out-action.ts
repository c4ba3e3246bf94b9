"use server";

import { signOut } from "@/lib/accounts/auth";
import { clearMemberHint } from "@/lib/accounts/member-hint-cookie";

/** Ends this browser's session and drops the member-view hint; the button then loads the home page afresh. */
export async function signOutAction(): Promise<void> {
  await clearMemberHint();
  await signOut({ redirect: false });
}
