import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site-footer";
import { MemberViewProvider } from "@/components/member/member-view";
import { SiteHeader } from "@/components/site-header";
import { headers } from "next/headers";
import { getActor } from "@/lib/accounts/authz";
import { MEMBER_PENDING_SCRIPT } from "@/lib/accounts/member-hint";
import { env } from "@/lib/platform/env";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(env.APP_URL),
  title: { default: "CallerCheck — who called you?", template: "%s · CallerCheck" },
  description:
    "Look up a phone number that called you: community reports, scam warnings and a moderated registry of organisations' official numbers.",
  applicationName: "CallerCheck",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#2554e8" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Whether this render is for someone signed in: on the kept copy of a public page it is not, and the
  // parts that are a member's own ask GET /api/me when the browser carries the member-view hint.
  const actor = await getActor();
  // The request's Content-Security-Policy (proxy.ts) carries the nonce Next puts on its own scripts.
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec((await headers()).get("content-security-policy") ?? "")?.[1];
  return (
    // The member-pending script may add an attribute to <html> before React hydrates it.
    <html lang="en-AU" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: MEMBER_PENDING_SCRIPT }} />
      </head>
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          Skip to content
        </a>
        <MemberViewProvider signedIn={actor !== null}>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-10">
            {children}
          </main>
          <SiteFooter />
        </MemberViewProvider>
      </body>
    </html>
  );
}
