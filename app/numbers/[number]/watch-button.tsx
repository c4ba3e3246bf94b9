"use client";

import { FormLink } from "@/components/ui/form-link";
import { WatchToggle } from "@/app/account/watch-toggle";
import { useMemberView } from "@/components/member/member-view";
import { numberSubject } from "@/components/member/subjects";
import { buttonClass } from "@/components/ui/button";

/** "Watch this number" for members (filled in from GET /api/me); visitors are sent to sign in and come back here. */
export function WatchButton({ e164, stamp }: { e164: string; stamp: string }) {
  const view = useMemberView(numberSubject(e164), stamp);
  if (!view?.number) {
    return (
      <FormLink href={`/signin?callbackUrl=${encodeURIComponent(`/numbers/${e164}`)}`} className={buttonClass("secondary", "w-full sm:w-auto")} data-visitor-only>
        Sign in to watch
      </FormLink>
    );
  }
  if (view.viewer.suspended) return null;
  return <WatchToggle e164={e164} watching={view.number.watching} />;
}
