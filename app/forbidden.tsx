import Link from "next/link";

// Rendered with status 403 when a page calls forbidden() (moderation pages for non-moderators).
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center" data-testid="forbidden">
      <p className="text-sm font-semibold uppercase tracking-wide text-red-600">403</p>
      <h1 className="mt-2 text-3xl font-bold">You cannot open this page</h1>
      <p className="mt-4 text-slate-600">
        This part of CallerCheck is for moderators. If you are one, sign in with your moderator account.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link href="/" className="rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-700 hover:no-underline">
          Go to the home page
        </Link>
        <Link href="/signin?callbackUrl=/moderation" className="rounded-lg px-5 py-2.5 font-semibold text-slate-800 no-underline ring-1 ring-slate-300 hover:bg-slate-50 hover:no-underline">
          Sign in
        </Link>
      </div>
    </div>
  );
}
