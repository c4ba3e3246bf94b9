import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-8 text-sm text-slate-600 sm:flex-row sm:justify-between">
        <p>
          CallerCheck: community reports plus a moderated registry of organisations&apos; official numbers. If in doubt, hang up and call
          the organisation on the number from its website.
        </p>
        <ul className="flex shrink-0 gap-4">
          <li><Link href="/registry">Registry</Link></li>
          {/* A JSON document, not a page: a plain link, so browsers do not prefetch it as one. */}
          <li><a href="/api/v1/openapi.json">API</a></li>
          <li><Link href="/about">About the data</Link></li>
        </ul>
      </div>
    </footer>
  );
}
