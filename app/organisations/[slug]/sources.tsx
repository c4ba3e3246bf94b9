import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { OrganisationPage } from "@/lib/organisations/organisation";
import { displayNumber } from "@/lib/numbers/phone";

const safeHref = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

const shown = displayNumber;

type Props = { organisation: string; defaultRegion: string };

/** The numbers an organisation publishes for people to call, each with what it is for and where it is published. */
export function ContactNumbers({ organisation, numbers, defaultRegion }: Props & { numbers: OrganisationPage["contactNumbers"] }) {
  if (numbers.length === 0) return null;
  return (
    <Card title="Numbers it publishes">
      <p className="mb-3 text-sm text-slate-600">
        Numbers {organisation} publishes for you to call. Scammers can fake any of them in caller ID: if one called you, hang up and call it back yourself.
      </p>
      <ul className="divide-y divide-slate-100" aria-label={`Numbers ${organisation} publishes`}>
        {numbers.map((number) => {
          const source = safeHref(number.sourceUrl);
          return (
            <li key={number.e164} className="space-y-1 py-3">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <a href={`tel:${number.e164}`} className="font-mono font-semibold">
                  {shown(number.e164, defaultRegion)}
                </a>
                <Link href={`/numbers/${number.e164}`} className="text-sm">Number page</Link>
              </div>
              {number.purpose ? <p className="text-sm text-slate-700">{number.purpose}</p> : null}
              {number.sourceTitle || source ? (
                <p className="text-xs text-slate-500">
                  Source:{" "}
                  {source ? (
                    <a href={source} rel="nofollow noopener noreferrer">{number.sourceTitle ?? source}</a>
                  ) : (
                    number.sourceTitle
                  )}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** Every page the organisation's details were taken from, with the passage quoted from it. */
export function Sources({ organisation, sources }: { organisation: string; sources: OrganisationPage["sources"] }) {
  if (sources.length === 0) return null;
  return (
    <Card title="Sources">
      <p className="mb-3 text-sm text-slate-600">Where the details of {organisation} on this page come from. Quotes are the source’s words, not CallerCheck’s.</p>
      <ol className="list-decimal space-y-3 pl-5" aria-label={`Sources for ${organisation}`}>
        {sources.map((source, index) => {
          const href = safeHref(source.url);
          return (
            <li key={`${source.url}-${index}`} className="text-sm">
              {href ? <a href={href} rel="nofollow noopener noreferrer">{source.title ?? source.url}</a> : <span>{source.title ?? source.url}</span>}
              {source.excerpt ? <blockquote className="mt-1 border-l-2 border-slate-200 pl-3 text-slate-600">“{source.excerpt}”</blockquote> : null}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
