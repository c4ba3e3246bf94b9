import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NumberSearch } from "@/components/number-search";
import { env } from "@/lib/platform/env";
import { isRegion, normalisePhone } from "@/lib/numbers/phone";

export const metadata: Metadata = { title: "Look up a number", robots: { index: false } };

// The search form's no-JavaScript path: normalise on the server, then go to the canonical page.
export default async function LookupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q : "";
  const region = typeof params.region === "string" && isRegion(params.region.toUpperCase()) ? params.region.toUpperCase() : env.DEFAULT_REGION;
  const result = q ? normalisePhone(q, region) : null;
  if (result?.ok) redirect(`/numbers/${encodeURIComponent(result.phone.e164)}`);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">Look up a number</h1>
      <NumberSearch size="large" defaultRegion={region} initialQuery={q} initialError={result && !result.ok ? result.error : undefined} />
    </div>
  );
}
