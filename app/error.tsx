"use client";

import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-red-600">Error</p>
      <h1 className="mt-2 text-3xl font-bold">Something went wrong</h1>
      <p className="mt-4 text-slate-600">
        We could not show this page. Please try again in a moment.
        {error.digest ? <span className="mt-2 block text-xs text-slate-500">Reference: {error.digest}</span> : null}
      </p>
      <button type="button" onClick={reset} className="mt-8 rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
        Try again
      </button>
    </div>
  );
}
