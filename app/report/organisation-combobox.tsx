"use client";

import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { FieldErrors, inputClass } from "@/components/ui/field";
import { ORG_CATEGORIES } from "@/lib/display/labels";

export type Suggestion = { id: string; slug: string; name: string; status: "ACTIVE" | "PROPOSED" | "MERGED"; category: keyof typeof ORG_CATEGORIES; country: string | null; domain: string | null };

type Props = {
  query: string;
  selected: { id: string; name: string } | null;
  /** The visitor's region (the report's country): its organisations are suggested first. */
  region?: string;
  errors?: string[];
  onQueryChange: (query: string) => void;
  onSelect: (organisation: { id: string; name: string }) => void;
  onProposeInstead: (name: string) => void;
};

const PROPOSE = "__someone-else__";

/** The answer for one text: options are only ever built from the answer for the text in the box. */
type Result = { term: string; region: string; suggestions: Suggestion[]; failed: boolean };

/**
 * WAI-ARIA combobox (list autocomplete): the input owns a listbox of `option`s; up/down move the
 * active option, Enter chooses it, Escape closes. The last option proposes "someone else" — offered
 * only once the suggestions for the current text have arrived (or failed), so an early click cannot
 * add a duplicate of an organisation that was about to be suggested.
 */
export function OrganisationCombobox({ query, selected, region = "", errors, onQueryChange, onSelect, onProposeInstead }: Props) {
  const id = useId();
  const inputId = "organisation";
  const listId = `${id}-listbox`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [result, setResult] = useState<Result | null>(null);

  const term = query.trim();
  useEffect(() => {
    if (selected || term.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const params = new URLSearchParams({ q: term, ...(region ? { region } : {}) });
        const response = await fetch(`/api/organisations/search?${params}`, { signal: controller.signal });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { organisations: Suggestion[] };
        setResult({ term, region, suggestions: body.organisations, failed: false });
      } catch (error) {
        if ((error as Error).name !== "AbortError") setResult({ term, region, suggestions: [], failed: true });
      }
      setActive(-1);
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [term, region, selected]);

  const searching = !selected && term.length >= 2;
  const current = searching && result && result.term === term && result.region === region ? result : null;
  const status: "idle" | "loading" | "done" | "error" = !searching ? "idle" : !current ? "loading" : current.failed ? "error" : "done";
  const suggestions = current?.suggestions ?? [];
  const options = current ? [...suggestions.map((s) => s.id), PROPOSE] : [];
  const expanded = open && options.length > 0;

  function choose(index: number) {
    const value = options[index];
    if (!value) return;
    if (value === PROPOSE) onProposeInstead(term);
    else {
      const org = suggestions.find((s) => s.id === value)!;
      onSelect({ id: org.id, name: org.name });
    }
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + options.length) % options.length);
    } else if (event.key === "Enter") {
      if (expanded && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (expanded) {
        event.preventDefault();
      }
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (query) {
        event.preventDefault();
        onQueryChange("");
      }
    }
  }

  const optionId = (index: number) => `${id}-option-${index}`;
  const hintId = `${inputId}-hint`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        Who did they say they were?
      </label>
      <div className="relative">
        <input
          id={inputId}
          name="organisationQuery"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={[hintId, errors?.length ? `${inputId}-error` : null].filter(Boolean).join(" ")}
          placeholder="Start typing: a bank, insurer, agency…"
          value={query}
          onChange={(event) => {
            onQueryChange(event.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
          className={`${inputClass} ${selected ? "border-emerald-500 bg-emerald-50/40 pr-24" : ""}`}
        />
        {selected ? (
          <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-xs font-semibold text-emerald-700">✓ Chosen</span>
        ) : null}
        <ul
          id={listId}
          role="listbox"
          aria-label="Organisations"
          hidden={!expanded}
          className="absolute z-20 mt-1 max-h-80 w-full overflow-auto rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          {suggestions.map((org, index) => (
            <li
              key={org.id}
              id={optionId(index)}
              role="option"
              aria-selected={active === index}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
              className={`cursor-pointer px-3 py-2 ${active === index ? "bg-brand-50" : "hover:bg-slate-50"}`}
            >
              <span className="block font-medium text-slate-900">
                {org.name}
                {org.status === "PROPOSED" ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">proposed</span> : null}
              </span>
              <span className="block text-xs text-slate-500">{[ORG_CATEGORIES[org.category], org.country, org.domain].filter(Boolean).join(" · ")}</span>
            </li>
          ))}
          <li
            id={optionId(suggestions.length)}
            role="option"
            aria-selected={active === suggestions.length}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(suggestions.length)}
            className={`cursor-pointer border-t border-slate-100 px-3 py-2 text-brand-700 ${active === suggestions.length ? "bg-brand-50" : "hover:bg-slate-50"}`}
          >
            Someone else: add “{term}”
          </li>
        </ul>
      </div>
      <p id={hintId} className="text-sm text-slate-500" aria-live="polite">
        {selected
          ? `Linked to ${selected.name}. Edit the text to choose another.`
          : status === "loading"
            ? "Searching…"
            : status === "done" && term.length >= 2 && suggestions.length === 0
              ? "No organisation matches. Choose “Someone else” to add it."
              : status === "error"
                ? "Suggestions are unavailable right now. You can still add it as someone else."
                : "Optional. The organisation the caller claimed to be."}
      </p>
      <FieldErrors id={inputId} errors={errors} />
    </div>
  );
}
