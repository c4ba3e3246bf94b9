import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { DATA_LICENCE } from "@/lib/feeds/rules";

export const metadata: Metadata = { title: "About the data", description: "Where CallerCheck's organisations, numbers and reports come from, and how verdicts are reached." };

export default function AboutPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">About the data</h1>
      <Card title="How a number's verdict is reached">
        <ol className="list-decimal space-y-2 pl-5 text-slate-700">
          <li><strong>Verified</strong> — a moderator added the number to the registry with evidence, such as the organisation&apos;s own website listing it.</li>
          <li><strong>Impersonation warning</strong> — callers claimed to be an organisation that has verified numbers, and this number is not one of them.</li>
          <li><strong>Likely legitimate, likely scam or disputed</strong> — from members&apos; votes and report categories. Votes count by the voter&apos;s trust level and fade with age; we use the lower bound of a 95% confidence interval, so two votes never look like certainty.</li>
          <li><strong>Not enough reports yet</strong> — otherwise.</li>
        </ol>
      </Card>
      <Card title="Sources and credits">
        <ul className="list-disc space-y-2 pl-5 text-slate-700">
          <li>
            Australian Government enquiry lines: <a href="https://www.directory.gov.au/enquiry-lines" rel="nofollow noopener">directory.gov.au</a>, licensed under{" "}
            <a href="https://creativecommons.org/licenses/by/4.0/" rel="nofollow noopener">CC BY 4.0</a>. Names cut at 40 characters in the source are kept as published unless the full name is certain.
          </li>
          <li>U.S. federal agencies and their published numbers: USA.gov agency pages (U.S. government work, public domain).</li>
          <li>U.S. complaint reports: the Federal Trade Commission&apos;s public Do Not Call reported-calls file of 7 July 2021 (public domain), imported as reports.</li>
          <li>Demo organisations (Harbour Health Insurance, Southern Cross Mutual Bank, Coastal Energy) are fictional, and their numbers come from the ranges ACMA reserves for fiction.</li>
        </ul>
      </Card>
      <Card title="Privacy">
        <p className="text-slate-700">
          Comments and report details on a number stay hidden until at least two different members have reported it. Card numbers and e-mail addresses typed into free text are masked before they are stored. If a number is yours, use &ldquo;Request removal&rdquo; on its page.
        </p>
      </Card>
      <Card title="Open data: feeds for call blockers, and their licence">
        <div className="space-y-2 text-slate-700">
          <p>
            The verified registry (an allow-list of organisations&apos; real outbound numbers) and the community blocklist are open data, licensed under{" "}
            <a href={DATA_LICENCE.url} rel="license noopener">{DATA_LICENCE.name}</a>: use them in any app, router or call blocker, credit &ldquo;{DATA_LICENCE.attribution}&rdquo;.
          </p>
          <ul className="list-disc space-y-1 pl-5">
            <li>Allow-list: <a href="/api/v1/feeds/allowlist.json">JSON</a>, <a href="/api/v1/feeds/allowlist.csv">CSV</a>, <a href="/api/v1/feeds/allowlist.vcf">vCard</a> (one contact per organisation, for a phone&apos;s address book).</li>
            <li>Blocklist (numbers members judge a likely scam or an impersonation, with enough evidence): <a href="/api/v1/feeds/blocklist.json">JSON</a>, <a href="/api/v1/feeds/blocklist.csv">CSV</a>.</li>
            <li>Keep a copy in sync with <code>?since=</code> and the <code>version</code> of your last download: changes and removals only.</li>
            <li>Check one number privately: <code>/api/v1/lookup/prefix/</code> followed by the first 5 hexadecimal characters of the SHA-256 of the number in E.164; compare the full hashes on your side.</li>
          </ul>
        </div>
      </Card>
      <p><a href="/api/v1/openapi.json">Public API (OpenAPI document)</a></p>
    </div>
  );
}
