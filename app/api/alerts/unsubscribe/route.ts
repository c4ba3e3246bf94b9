import { NextResponse } from "next/server";
import { unsubscribe } from "@/lib/alerts/preferences";
import { apiRoute } from "@/lib/platform/api";

export const dynamic = "force-dynamic";

// RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` to the URL in the
// List-Unsubscribe header. No sign-in; the signed token names the member and the one watch.
export const POST = apiRoute(async (request: Request) => {
  const token = new URL(request.url).searchParams.get("token");
  const outcome = await unsubscribe(token);
  return NextResponse.json({ ok: true, unsubscribed: outcome.scope === "ALL" ? "all" : "watch" }, { headers: { "Cache-Control": "no-store" } });
});

// A GET (someone opening the header's URL) shows the page with its button; nothing changes on a GET,
// so link scanners cannot unsubscribe anyone.
export function GET(request: Request) {
  const url = new URL(request.url);
  const target = new URL("/alerts/unsubscribe", url);
  const token = url.searchParams.get("token");
  if (token) target.searchParams.set("token", token);
  return NextResponse.redirect(target, 303);
}
