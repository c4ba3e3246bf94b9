"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { lookupNumberAction } from "@/app/lookup/actions";
import { SEARCH_REGIONS as REGIONS } from "@/lib/numbers/regions";

type Props = { defaultRegion: string; size?: "compact" | "large"; initialQuery?: string; initialError?: string };

/**
 * Normalises on the server (a server action, so the page ships no phone metadata) and goes to the
 * number's page, or shows why not; without JavaScript the form still works through /lookup.
 */
export function NumberSearch({ defaultRegion, size = "compact", initialQuery = "", initialError }: Props) {
  const router = useRouter();
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  const [region, setRegion] = useState(defaultRegion);
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, startTransition] = useTransition();
  const large = size === "large";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await lookupNumberAction(query, region).catch(() => null);
      if (!result) {
        setError("We could not check that number just now. Try again.");
        return;
      }
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(undefined);
      router.push(result.path);
    });
  }

  const errorId = `${id}-error`;
  return (
    <form action="/lookup" method="get" onSubmit={onSubmit} role="search" aria-label={large ? "Look up a number" : "Search numbers"} noValidate className="w-full">
      <div className={`flex w-full gap-2 ${large ? "flex-col sm:flex-row" : ""}`}>
        <label htmlFor={`${id}-q`} className="sr-only">
          Phone number
        </label>
        <input
          id={`${id}-q`}
          name="q"
          type="search"
          inputMode="tel"
          autoComplete="off"
          placeholder={large ? "e.g. 0412 345 678" : "Phone number"}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            if (error) setError(undefined);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={`min-w-0 flex-1 rounded-lg border border-slate-300 bg-white text-slate-900 placeholder:text-slate-500 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/50 ${large ? "px-4 py-3.5 text-lg" : "px-3 py-2 text-sm"}`}
        />
        {large ? (
          <>
            <label htmlFor={`${id}-region`} className="sr-only">
              Country for numbers without a country code
            </label>
            <select
              id={`${id}-region`}
              name="region"
              value={region}
              onChange={(event) => setRegion(event.target.value)}
              className="rounded-lg border border-slate-300 bg-white px-3 py-3.5 text-base text-slate-800 sm:w-52 sm:flex-none"
            >
              {REGIONS.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </>
        ) : (
          <input type="hidden" name="region" value={region} />
        )}
        <button
          type="submit"
          disabled={pending}
          className={`rounded-lg bg-brand-600 font-semibold text-white hover:bg-brand-700 ${large ? "px-6 py-3.5 text-lg" : "px-3 py-2 text-sm"}`}
        >
          {large ? "Check number" : "Search"}
        </button>
      </div>
      {error ? (
        <p id={errorId} data-testid="search-error" role="alert" className={`mt-1.5 font-medium text-red-700 ${large ? "text-base" : "text-sm"}`}>
          {error}
          {/\p{L}{3}/u.test(query) && !/\d/.test(query) ? (
            // Words, no digits: they are probably looking for an organisation.
            <>
              {" "}
              <a href={`/organisations?q=${encodeURIComponent(query.trim().slice(0, 100))}`} className="font-semibold text-brand-700 underline">
                Search organisations for “{query.trim().slice(0, 40)}”
              </a>
            </>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}
