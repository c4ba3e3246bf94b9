import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link to a form made for one number or organisation (report it, sign in to vote on it, its older reports,
 * ask for its removal). Not prefetched: a browser prefetches every link it shows, and these differ on every
 * page, so each view of a number nobody else is reading would cost the server a render per link, for a form
 * few visitors open (opening it renders it anyway; the header's links, the same on every page, are
 * prefetched and kept once for everyone: scripts/server/page-cache.mjs).
 */
export function FormLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  return <Link {...props} prefetch={false} />;
}
