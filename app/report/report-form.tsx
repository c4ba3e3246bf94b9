"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { FieldErrors, FieldShell, InputField, TextareaField, describedBy, inputClass } from "@/components/ui/field";
import { ASKED_FOR, ASKED_FOR_KEYS, CHANNELS, CHANNEL_KEYS, REPORT_CATEGORIES, REPORT_CATEGORY_KEYS } from "@/lib/display/labels";
import { SEARCH_REGIONS as REGIONS } from "@/lib/numbers/regions";
import { REPORT_TEXT_LIMITS } from "@/lib/reports/limits";
import { formFields } from "@/lib/platform/form-fields";
import { sendJson } from "@/lib/platform/send-json";
import { createReportAction } from "./actions";
import type { ReportFormState, ReportSuccess } from "./submit";
import { clearDraft, localNow, mergeDraft, saveDraft, takeDraft, type ReportDraft } from "./draft";
import { OrganisationCombobox } from "./organisation-combobox";
import { ProofOfWorkCheck } from "./proof-of-work-check";
import { ReportSent } from "./report-sent";

type Props = { signedIn: boolean; idempotencyKey: string; initialNumber: string; initialRegion: string; initialOrganisation?: { id: string; name: string } | null };

/**
 * With JavaScript the form's fields go to its route handler as JSON (app/api/reports): a server action would
 * cost Next's page pipeline on every report (README "Benchmarks"). Without it, the form posts to the same
 * command through its server action, and the page comes back with the answer.
 */
function sendReport(_previous: ReportFormState, form: FormData): Promise<ReportFormState> {
  // Read as the server action reads it (askedFor, a checkbox group, as a list), so both paths get the same answer.
  return sendJson<ReportSuccess>("POST", "/api/reports", formFields(form, ["askedFor"]).fields);
}

export function ReportForm({ signedIn, idempotencyKey, initialNumber, initialRegion, initialOrganisation = null }: Props) {
  const router = useRouter();
  const [withoutScript, postForm] = useActionState<ReportFormState, FormData>(createReportAction, null);
  const [sent, dispatch, pending] = useActionState<ReportFormState, FormData>(sendReport, null);
  const state = sent ?? withoutScript;
  const [restored, setRestored] = useState(false);
  const [tzOffset, setTzOffset] = useState("");
  const [v, setValues] = useState<ReportDraft>({
    number: initialNumber,
    region: initialRegion,
    occurredAt: "",
    channel: "CALL",
    category: "",
    organisation: initialOrganisation,
    organisationQuery: initialOrganisation?.name ?? "",
    propose: false,
    proposedName: "",
    proposedWebsite: "",
    askedFor: [],
    leftMessage: "",
    callerIdName: "",
    body: "",
  });
  // A field's message from the last submission goes as soon as the field is changed (it may no
  // longer apply: "Choose what kind of call it was." once a category is picked).
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const touch = (...keys: string[]) => setEdited((current) => new Set([...current, ...keys]));
  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => {
    touch(key);
    setValues((current) => ({ ...current, [key]: value }));
  };
  const formRef = useRef<HTMLFormElement>(null);

  // Browser-only facts: the local time and zone, and a draft kept through sign-in.
  useEffect(() => {
    setTzOffset(String(new Date().getTimezoneOffset()));
    const draft = takeDraft();
    setValues((current) => {
      const next = draft ? mergeDraft(current, draft) : current;
      return next.occurredAt ? next : { ...next, occurredAt: localNow() };
    });
    if (draft) {
      setRestored(true);
      if (signedIn) clearDraft();
    }
  }, [signedIn]);

  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const errors = Object.fromEntries(Object.entries(serverErrors ?? {}).filter(([key]) => !edited.has(key)));
  useEffect(() => setEdited(new Set()), [state]);
  useEffect(() => {
    if (state && !state.ok && state.code === "UNAUTHENTICATED") sendToSignIn();
    else if (state && !state.ok) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  function sendToSignIn() {
    saveDraft(v);
    router.push(`/signin?reason=report&callbackUrl=${encodeURIComponent("/report")}`);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }

  if (state?.ok) return <ReportSent report={state.data} />;

  return (
    <form ref={formRef} action={postForm} onSubmit={onSubmit} aria-label="Report a call" noValidate className="space-y-6">
      {!signedIn ? (
        <Alert tone="info" testId="visitor-note">
          No account needed: fill it in and tick the check at the end. Reports from members count for more —{" "}
          <button type="button" onClick={sendToSignIn} className="font-medium underline underline-offset-2 hover:decoration-2">
            sign in instead
          </button>{" "}
          and what you typed is kept.
        </Alert>
      ) : null}
      {restored ? <Alert tone="info" testId="draft-restored">We kept what you typed. Check it and submit your report.</Alert> : null}
      {state && !state.ok && state.code !== "UNAUTHENTICATED" ? (
        <Alert tone="error" testId="form-error">
          {state.error}
        </Alert>
      ) : null}
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="tzOffset" value={tzOffset} />

      <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-lg font-semibold">The call</h2>
        <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
          <InputField id="number" label="Phone number" inputMode="tel" autoComplete="off" placeholder="e.g. 0412 345 678" value={v.number} onChange={(e) => set("number", e.target.value)} errors={errors.number} hint="As it showed on your phone, in any format." />
          <FieldShell id="region" label="Country" errors={errors.region}>
            <select id="region" name="region" value={v.region} onChange={(e) => set("region", e.target.value)} className={inputClass}>
              {REGIONS.map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField id="occurredAt" label="When did they call?" type="datetime-local" value={v.occurredAt} onChange={(e) => set("occurredAt", e.target.value)} errors={errors.occurredAt} />
          <FieldShell id="channel" label="How did they contact you?" errors={errors.channel}>
            <select id="channel" name="channel" value={v.channel} onChange={(e) => set("channel", e.target.value)} aria-invalid={errors.channel ? true : undefined} aria-describedby={describedBy("channel", null, errors.channel)} className={inputClass}>
              {CHANNEL_KEYS.map((key) => (
                <option key={key} value={key}>
                  {CHANNELS[key]}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
      </section>

      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <fieldset className="space-y-3" aria-describedby={errors.category ? "category-error" : undefined}>
        <legend className="mb-3 text-lg font-semibold">What kind of call was it?</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {REPORT_CATEGORY_KEYS.map((key) => {
            const info = REPORT_CATEGORIES[key];
            return (
              <label key={key} className={`flex cursor-pointer gap-3 rounded-lg border p-3 ${v.category === key ? "border-brand-500 bg-brand-50" : "border-slate-200 hover:bg-slate-50"}`}>
                <input type="radio" name="category" value={key} checked={v.category === key} onChange={() => set("category", key)} aria-labelledby={`category-${key}-label`} aria-describedby={`category-${key}-explain`} className="mt-1 h-4 w-4 shrink-0 accent-brand-600" />
                <span>
                  <span id={`category-${key}-label`} className="block font-medium text-slate-900">{info.label}</span>
                  <span id={`category-${key}-explain`} className="block text-sm text-slate-600">
                    {info.explain}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        <FieldErrors id="category" errors={errors.category} />
      </fieldset>
      </div>

      <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-lg font-semibold">Who was calling</h2>
        {v.propose && !signedIn ? (
          <div className="space-y-3 rounded-lg border border-amber-200 bg-amber-50/50 p-4" role="group" aria-labelledby="propose-heading" data-testid="propose-needs-account">
            <h3 id="propose-heading" className="font-semibold">Adding an organisation needs an account</h3>
            <p className="text-sm text-slate-700">
              A new organisation appears on the site straight away, so only members can add one. Sign in (what you typed is kept), or choose one from the list — or leave it out.
            </p>
            <div className="flex flex-wrap gap-3">
              <button type="button" className={buttonClass("secondary")} onClick={sendToSignIn}>
                Sign in to add it
              </button>
              <button type="button" className={buttonClass("ghost")} onClick={() => setValues((c) => ({ ...c, propose: false }))}>
                Choose from the list instead
              </button>
            </div>
          </div>
        ) : v.propose ? (
          <div className="space-y-4 rounded-lg border border-amber-200 bg-amber-50/50 p-4" role="group" aria-labelledby="propose-heading">
            <input type="hidden" name="proposeOrganisation" value="1" />
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id="propose-heading" className="font-semibold">Someone else: add an organisation</h3>
              <button type="button" className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:decoration-2" onClick={() => setValues((c) => ({ ...c, propose: false }))}>
                Choose from the list instead
              </button>
            </div>
            <p className="text-sm text-slate-600">It appears straight away, marked <em>proposed</em> until a moderator checks it.</p>
            <InputField id="proposedName" label="Organisation's name" value={v.proposedName} onChange={(e) => set("proposedName", e.target.value)} errors={errors.proposedName} maxLength={REPORT_TEXT_LIMITS.organisationName + 20} />
            <InputField id="proposedWebsite" label="Website (optional)" inputMode="url" placeholder="example.com.au" value={v.proposedWebsite} onChange={(e) => set("proposedWebsite", e.target.value)} errors={errors.proposedWebsite} />
          </div>
        ) : (
          <>
            <OrganisationCombobox
              query={v.organisation ? v.organisation.name : v.organisationQuery}
              selected={v.organisation}
              region={v.region}
              errors={errors.organisationId ?? errors.organisationQuery}
              onQueryChange={(query) => {
                touch("organisationId", "organisationQuery");
                setValues((c) => ({ ...c, organisation: null, organisationQuery: query }));
              }}
              onSelect={(organisation) => {
                touch("organisationId", "organisationQuery");
                setValues((c) => ({ ...c, organisation, organisationQuery: organisation.name }));
              }}
              onProposeInstead={(name) => setValues((c) => ({ ...c, propose: true, proposedName: name, organisation: null, organisationQuery: "" }))}
            />
            <input type="hidden" name="organisationId" value={v.organisation?.id ?? ""} />
            <button type="button" className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:decoration-2" onClick={() => setValues((c) => ({ ...c, propose: true, proposedName: c.organisation ? "" : c.organisationQuery, organisation: null, organisationQuery: "" }))}>
              Not in the list? Add someone else
            </button>
          </>
        )}
        <InputField id="callerIdName" label="Name shown on caller ID (if any)" autoComplete="off" value={v.callerIdName} onChange={(e) => set("callerIdName", e.target.value)} errors={errors.callerIdName} maxLength={REPORT_TEXT_LIMITS.callerIdName + 20} />
      </section>

      <section className="space-y-5 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <fieldset aria-describedby={errors.askedFor ? "askedFor-error" : "askedFor-hint"}>
          <legend className="text-lg font-semibold">What did they ask for?</legend>
          <p id="askedFor-hint" className="mt-1 text-sm text-slate-500">Tick everything they asked you for.</p>
          <div className="mt-3 grid gap-2 sm:grid-cols-2">
            {ASKED_FOR_KEYS.map((key) => (
              <label key={key} className="flex cursor-pointer items-center gap-3 rounded-lg border border-slate-200 px-3 py-2.5 hover:bg-slate-50">
                <input
                  type="checkbox"
                  name="askedFor"
                  value={key}
                  checked={v.askedFor.includes(key)}
                  onChange={(e) => set("askedFor", e.target.checked ? [...v.askedFor, key] : v.askedFor.filter((k) => k !== key))}
                  className="h-4 w-4 shrink-0 accent-brand-600"
                />
                <span>{ASKED_FOR[key]}</span>
              </label>
            ))}
          </div>
          <FieldErrors id="askedFor" errors={errors.askedFor} />
        </fieldset>
        <FieldShell id="leftMessage" label="Did they leave a message?" errors={errors.leftMessage}>
          <select id="leftMessage" name="leftMessage" value={v.leftMessage} onChange={(e) => set("leftMessage", e.target.value)} className={inputClass}>
            <option value="">Not sure / not applicable</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </FieldShell>
        <TextareaField
          id="body"
          label="What happened?"
          rows={6}
          value={v.body}
          onChange={(e) => set("body", e.target.value)}
          errors={errors.body}
          hint={
            <>
              In your own words. Card numbers and e-mail addresses are removed before anything is saved.{" "}
              <span className={v.body.length > REPORT_TEXT_LIMITS.body ? "font-semibold text-red-700" : ""}>
                {v.body.length.toLocaleString("en-AU")} / {REPORT_TEXT_LIMITS.body.toLocaleString("en-AU")}
              </span>
            </>
          }
        />
      </section>

      {!signedIn ? (
        <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <ProofOfWorkCheck errors={serverErrors?.altcha} />
        </section>
      ) : null}

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-end">
        <p className="text-sm text-slate-500">Reports are public. Do not include your own personal details.</p>
        <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass("primary", "w-full sm:w-auto")}>
          {pending ? "Submitting…" : "Submit report"}
        </button>
      </div>
    </form>
  );
}
