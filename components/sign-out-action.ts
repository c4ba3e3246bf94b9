"use server";

import { cookies } from "next/headers";
import { signOut } from "@/lib/accounts/auth";
import { MEMBER_HINT_COOKIE } from "@/lib/accounts/member-hint";

/** Ends this browser's session and drops the member-view hint; the button then loads the home page afresh. */
export async function signOutAction(): Promise<void> {
  (await cookies()).delete(MEMBER_HINT_COOKIE);
  await signOut({ redirect: false });
}
