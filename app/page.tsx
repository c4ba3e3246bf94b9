import Link from "next/link";
import { CategoryBadge } from "@/components/category-badge";
import { NumberSearch } from "@/components/number-search";
import { env } from "@/lib/platform/env";
import { countryName, isRegion, SEARCH_REGIONS, TYPE_LABELS } from "@/lib/numbers/phone";
import { readableNumber } from "@/lib/numbers/display";
import { getCachedHomeFeed, HOME_RECENT_DAYS, type HomeReport } from "@/lib/reports/home-feed";
import { plural, relativeTime } from "@/lib/display/format";
import { firstParam, type RawParams } from "@/lib/platform/search-params";

export const dynamic = "force-dynamic";

/** A scam report on a verified number most likely came from a spoofed caller ID, not the organisation. */
function ReportBadge({ report }: { report: HomeReport }) {
  if (report.verifiedFor && (report.category === "SCAM" || report.category === "IMPERSONATION")) {
    return (
      <span className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-inset ring-amber-200" title={`A verified number of ${report.verifiedFor}: the caller may have faked it`}>
        Possibly spoofed
      </span>
    );
  }
  return <CategoryBadge category={report.category} />;
}

export default async function HomePage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const asked = firstParam((await searchParams).region, 2)?.toUpperCase();
  const region = isRegion(asked) ? asked : env.DEFAULT_REGION;
  const { mostReported, mostReportedScope, recentReports, stats } = await getCachedHomeFeed(region);
  const where = countryName(region) ?? region;
  const otherRegions = SEARCH_REGIONS.filter(([code]) => code !== region);
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
          <div><dt className="inline">Numbers verified: </dt><dd className="inline font-semibold text-white" data-testid="stat-verified">{stats.verified.toLocaleString("en-AU")}</dd></div>
          <div><dt className="inline">Impersonation warnings this week: </dt><dd className="inline font-semibold text-white" data-testid="stat-warnings">{stats.impersonationWarnings.toLocaleString("en-AU")}</dd></div>
          <div><dt className="inline">Organisations with a published calling policy: </dt><dd className="inline font-semibold text-white" data-testid="stat-policies">{stats.policies.toLocaleString("en-AU")}</dd></div>
        </dl>
      </section>

      <div className="space-y-3">
        <nav aria-label="Region of the lists below" className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm text-slate-600">
          <span>
            Showing numbers in <strong className="text-slate-900" data-testid="home-region">{where}</strong>, last {HOME_RECENT_DAYS} days.
          </span>
          <span>
            Also:{" "}
            {otherRegions.map(([code, name], index) => (
              <span key={code}>
                {index > 0 ? " · " : null}
                <Link href={code === env.DEFAULT_REGION ? "/" : `/?region=${code}`}>{name}</Link>
              </span>
            ))}
          </span>
        </nav>

        <div className="grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="recent-heading" className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="recent-reports">
            <h2 id="recent-heading" className="text-lg font-semibold">Recent reports</h2>
            {recentReports.length === 0 ? (
              <p className="mt-3 text-slate-600">No reports of numbers in {where} in the last {HOME_RECENT_DAYS} days. <Link href="/report">Report a call.</Link></p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100">
                {recentReports.map((report) => (
                  <li key={report.id} className="flex flex-wrap items-center justify-between gap-2 py-3" data-e164={report.e164}>
                    <div className="min-w-0">
                      <Link href={`/numbers/${report.e164}`} className="font-mono font-semibold">{readableNumber(report.e164)}</Link>
                      {report.verifiedFor ? (
                        <p className="truncate text-sm text-emerald-800">Verified number of {report.verifiedFor}</p>
                      ) : report.organisation ? (
                        <p className="truncate text-sm text-slate-600">Claimed to be {report.organisation.name}</p>
                      ) : null}
                    </div>
                    <div className="flex items-center gap-2 text-sm text-slate-500">
                      <ReportBadge report={report} />
                      <time dateTime={report.createdAt.toISOString()}>{relativeTime(report.createdAt)}</time>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="top-heading" className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="most-reported">
            <h2 id="top-heading" className="text-lg font-semibold">
              Most-reported numbers
              <span className="ml-2 text-sm font-normal text-slate-500">{mostReportedScope === "RECENT" ? `last ${HOME_RECENT_DAYS} days` : "all time"}</span>
            </h2>
            {mostReported.length === 0 ? (
              <p className="mt-3 text-slate-600">No numbers in {where} reported yet.</p>
            ) : (
              <ol className="mt-3 divide-y divide-slate-100">
                {mostReported.map((number) => (
                  <li key={number.e164} className="flex items-center justify-between gap-2 py-3" data-e164={number.e164}>
                    <div className="min-w-0">
                      <Link href={`/numbers/${number.e164}`} className="font-mono font-semibold">{readableNumber(number.e164)}</Link>
                      <p className="truncate text-sm text-slate-500">
                        {number.verifiedFor ? `Verified number of ${number.verifiedFor}` : TYPE_LABELS[number.type]}
                      </p>
                    </div>
                    <span className="shrink-0 text-sm font-semibold text-slate-700">{plural(number.reports, "report")}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
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
