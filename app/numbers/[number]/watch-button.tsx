import Link from "next/link";
import { WatchToggle } from "@/app/account/watch-toggle";
import { buttonClass } from "@/components/ui/button";
import type { Actor } from "@/lib/accounts/authz";
import { isWatching } from "@/lib/watches/watch";

/** "Watch this number" for members; visitors are sent to sign in and come back here. */
export async function WatchButton({ e164, actor }: { e164: string; actor: Actor | null }) {
  if (!actor) {
    return (
      <Link href={`/signin?callbackUrl=${encodeURIComponent(`/numbers/${e164}`)}`} className={buttonClass("secondary", "w-full sm:w-auto")}>
        Sign in to watch
      </Link>
    );
  }
  if (actor.suspendedAt) return null;
  return <WatchToggle e164={e164} watching={await isWatching(actor.id, e164)} />;
}
