import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">404</p>
      <h1 className="mt-2 text-3xl font-bold">We could not find that page</h1>
      <p className="mt-4 text-slate-600">The link may be old, or the page may have been removed. You can still look up a number from the search box.</p>
      <Link href="/" className="mt-8 inline-block rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-700 hover:no-underline">
        Go to the home page
      </Link>
    </div>
  );
}
