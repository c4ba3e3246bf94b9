import { NextResponse, type NextRequest } from "next/server";
import { numberUrlDecision } from "@/lib/numbers/url";
import { env } from "@/lib/platform/env";

// Any other spelling of a number in /numbers/<number> answers a permanent redirect to the
// canonical /numbers/+61412345678 before rendering (a page's own redirect would come after the
// root loading boundary has streamed, as a 200).
export function proxy(request: NextRequest) {
  const segment = request.nextUrl.pathname.split("/")[2] ?? "";
  const decision = numberUrlDecision(segment, request.nextUrl.searchParams, env.DEFAULT_REGION);
  // Not a phone number (/numbers/12): the page still renders its friendly "try again" view, with a
  // real 404 (the page cannot set it: its loading boundary has streamed by then).
  if (decision.kind === "invalid") return NextResponse.next({ status: 404 });
  if (decision.kind !== "redirect") return NextResponse.next();
  // A POST (a server action, a form) is served at the canonical address instead: a redirect would
  // make the client re-send without its body.
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.rewrite(new URL(decision.location, request.url));
  return NextResponse.redirect(new URL(decision.location, request.url), 308);
}

export const config = { matcher: "/numbers/:number" };
