import { NumberSearch } from "@/components/number-search";
import { Alert } from "@/components/ui/alert";

/** Shown for a URL that is not a phone number: what is wrong, and the search box to try again. */
export function InvalidNumber({ input, message, region }: { input: string; message: string; region: string }) {
  return (
    <div className="mx-auto max-w-2xl space-y-6 py-4">
      <div>
        <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">That doesn&apos;t look like a phone number</h1>
        <p className="mt-2 break-words text-slate-600">
          We could not read <span className="font-mono font-semibold text-slate-800">{input || "(nothing)"}</span> as a phone number.
        </p>
      </div>
      <Alert tone="error" testId="invalid-number">
        {message}
      </Alert>
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-3 text-lg font-semibold">Try again</h2>
        <NumberSearch size="large" defaultRegion={region} initialQuery={input} />
      </div>
    </div>
  );
}
