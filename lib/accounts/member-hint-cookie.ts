import "server-only";
import { cookies } from "next/headers";
import { MEMBER_HINT_COOKIE } from "./member-hint";

/** Drops the member-view hint: every way of signing out calls it (the next page then shows no one's parts). */
export async function clearMemberHint(): Promise<void> {
  (await cookies()).delete(MEMBER_HINT_COOKIE);
}
