"use client";

import type {} from "altcha/types/react";
import { useEffect, useRef, useState } from "react";
import { FieldErrors } from "@/components/ui/field";

type Widget = HTMLElement & { reset?: () => void };

/**
 * The ALTCHA widget (self-hosted proof of work: no third party, no cookies, no tracking). Ticking it
 * makes the browser solve a challenge from /api/report-challenge and puts the solution in the form's
 * `altcha` field; the server verifies it again and accepts it once. A refused check resets the widget.
 *
 * The widget's script (≈ 35 kB gzipped, ≈ 70 ms of a phone's main thread to start) loads only once it is
 * wanted: when the check comes near the screen, or as soon as the visitor starts on the form (a focus,
 * a tap or a click anywhere in it), so it is ready long before they reach it.
 */
export function ProofOfWorkCheck({ errors }: { errors?: string[] }) {
  const groupRef = useRef<HTMLDivElement>(null);
  const ref = useRef<Widget>(null);
  const [wanted, setWanted] = useState(false);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    const group = groupRef.current;
    if (!group) return;
    const want = () => setWanted(true);
    const near = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && want(), { rootMargin: "400px 0px" });
    near.observe(group);
    const form = group.closest("form") ?? group;
    const starts = ["focusin", "pointerdown"] as const;
    for (const type of starts) form.addEventListener(type, want, { once: true });
    return () => {
      near.disconnect();
      for (const type of starts) form.removeEventListener(type, want);
    };
  }, []);

  // The web component touches `window` when it loads: browser only.
  useEffect(() => {
    if (!wanted) return;
    import("altcha").then(
      () => setStatus("ready"),
      () => setStatus("failed"),
    );
  }, [wanted]);

  // `errors` is the server's answer (a new array per submission): a refused check starts again, and
  // its message goes once the visitor has solved a new one.
  const [solvedSince, setSolvedSince] = useState(false);
  useEffect(() => {
    setSolvedSince(false);
    if (errors?.length) ref.current?.reset?.();
  }, [errors]);
  useEffect(() => {
    const widget = ref.current;
    const onVerified = () => setSolvedSince(true);
    widget?.addEventListener("verified", onVerified);
    return () => widget?.removeEventListener("verified", onVerified);
  }, [status]);
  const shown = solvedSince ? undefined : errors;

  return (
    <div ref={groupRef} role="group" aria-labelledby="altcha-heading" aria-describedby={["altcha-hint", shown?.length ? "altcha-error" : null].filter(Boolean).join(" ")} className="space-y-2">
      <h3 id="altcha-heading" className="font-semibold">
        A quick check instead of an account
      </h3>
      <p id="altcha-hint" className="text-sm text-slate-600">
        Tick the box: your device solves a small puzzle for a second or two. It runs here, on this site — no cookies, no tracking, nothing sent to anyone else.
      </p>
      {/* The widget's height (70 px at every width) is kept while it loads, so nothing below it moves. */}
      <div className="min-h-[70px]">
        <altcha-widget ref={ref} challenge="/api/report-challenge" name="altcha" data-testid="altcha" suppressHydrationWarning />
        {status === "loading" ? (
          // Hidden by CSS the moment the widget's element is defined, before React hears of it.
          <p className="flex min-h-[70px] flex-wrap content-center items-center gap-x-1 rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600 [altcha-widget:defined+&]:hidden">
            Loading the check…
            <noscript>It cannot load: it needs JavaScript, which is off in this browser. Turn it on, or sign in to report instead.</noscript>
          </p>
        ) : null}
      </div>
      {status === "failed" ? <p className="text-sm text-red-700">The check could not load. Reload the page, or sign in to report instead.</p> : null}
      <FieldErrors id="altcha" errors={shown} />
    </div>
  );
}
