import Link from "next/link";
import { CategoryBadge } from "@/components/category-badge";
import { NumberSearch } from "@/components/number-search";
import { env } from "@/lib/platform/env";
import { formatE164, TYPE_LABELS, type PhoneType } from "@/lib/numbers/phone";
import { getHomeFeed } from "@/lib/reports/home-feed";
import { plural, relativeTime } from "@/lib/display/format";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { mostReported, recentReports, stats } = await getHomeFeed();
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-gradient-to-br from-brand-900 to-brand-700 px-5 py-10 text-white shadow-lg sm:px-10 sm:py-14">
        <h1 className="text-3xl font-bold tracking-tight sm:text-5xl">Who called you?</h1>
        <p className="mt-3 max-w-2xl text-base text-brand-100 sm:text-lg">
          Paste the number. See whether it is an organisation&apos;s verified number, a likely scam, or someone pretending to be your bank or insurer.
        </p>
        <div className="mt-6 max-w-3xl rounded-xl bg-white p-3 text-slate-900 shadow sm:p-4">
          <NumberSearch size="large" defaultRegion={env.DEFAULT_REGION} />
        </div>
        <dl className="mt-6 flex flex-wrap gap-x-8 gap-y-2 text-sm text-brand-100">
          <div><dt className="inline">Numbers reported: </dt><dd className="inline font-semibold text-white">{stats.numbers.toLocaleString("en-AU")}</dd></div>
          <div><dt className="inline">Organisations: </dt><dd className="inline font-semibold text-white">{stats.organisations.toLocaleString("en-AU")}</dd></div>
          <div><dt className="inline">Verified official numbers: </dt><dd className="inline font-semibold text-white">{stats.verified.toLocaleString("en-AU")}</dd></div>
        </dl>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="recent-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <h2 id="recent-heading" className="text-lg font-semibold">Recent reports</h2>
          {recentReports.length === 0 ? (
            <p className="mt-3 text-slate-600">No reports yet. <Link href="/report">Be the first to report a call.</Link></p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100">
              {recentReports.map((report) => (
                <li key={report.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <div className="min-w-0">
                    <Link href={`/numbers/${report.e164}`} className="font-mono font-semibold">{formatE164(report.e164).international}</Link>
                    {report.organisation ? <p className="truncate text-sm text-slate-600">Claimed to be {report.organisation.name}</p> : null}
                  </div>
                  <div className="flex items-center gap-2 text-sm text-slate-500">
                    <CategoryBadge category={report.category} />
                    <time dateTime={report.createdAt.toISOString()}>{relativeTime(report.createdAt)}</time>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="top-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <h2 id="top-heading" className="text-lg font-semibold">Most-reported numbers</h2>
          {mostReported.length === 0 ? (
            <p className="mt-3 text-slate-600">Nothing reported yet.</p>
          ) : (
            <ol className="mt-3 divide-y divide-slate-100">
              {mostReported.map((number) => (
                <li key={number.e164} className="flex items-center justify-between gap-2 py-3">
                  <div>
                    <Link href={`/numbers/${number.e164}`} className="font-mono font-semibold">{formatE164(number.e164).international}</Link>
                    <p className="text-sm text-slate-500">{TYPE_LABELS[number.type as PhoneType]}{number.country ? ` · ${number.country}` : ""}</p>
                  </div>
                  <span className="text-sm font-semibold text-slate-700">{plural(number.reportCount, "report")}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <section className="grid gap-4 sm:grid-cols-3">
        {[
          ["Verified numbers", "Moderators add an organisation's outbound number to the registry only with evidence, such as its own website listing it.", "/registry"],
          ["Impersonation warnings", "If callers claim to be an organisation that has verified numbers, and this is not one of them, we say so — and give the real number to call back.", "/organisations"],
          ["Reports from people", "Tell others what happened on the call and who they claimed to be. It takes a minute.", "/report"],
        ].map(([title, text, href]) => (
          <Link key={title} href={href} className="rounded-xl border border-slate-200 bg-white p-5 text-slate-800 no-underline shadow-sm hover:border-brand-500 hover:no-underline">
            <h2 className="font-semibold text-slate-900">{title}</h2>
            <p className="mt-2 text-sm text-slate-600">{text}</p>
          </Link>
        ))}
      </section>
    </div>
  );
}
