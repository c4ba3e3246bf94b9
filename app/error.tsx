"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";

// Kept in step with DATABASE_UNAVAILABLE in lib/platform/errors.ts (set on the error by lib/platform/db.ts).
const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  useEffect(() => {
    console.error(error);
  }, [error]);
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  if (error.digest === DATABASE_UNAVAILABLE) {
    return (
      <div className="mx-auto max-w-xl py-16 text-center" data-testid="unavailable">
        <p className="text-sm font-semibold uppercase tracking-wide text-amber-700">Temporarily unavailable</p>
        <h1 className="mt-2 text-3xl font-bold">CallerCheck is temporarily unavailable</h1>
        <p className="mt-4 text-slate-600">
          Our database is not answering just now, so we cannot show this page. Nothing you sent was lost: anything we confirmed is saved. Please try again in a minute.
        </p>
        <button type="button" onClick={retry} className="mt-8 rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-red-600">Error</p>
      <h1 className="mt-2 text-3xl font-bold">Something went wrong</h1>
      <p className="mt-4 text-slate-600">
        We could not show this page. Please try again in a moment.
        {error.digest ? <span className="mt-2 block text-xs text-slate-500">Reference: {error.digest}</span> : null}
      </p>
      <button type="button" onClick={retry} className="mt-8 rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
        Try again
      </button>
    </div>
  );
}
