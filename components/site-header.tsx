import Link from "next/link";
import { env } from "@/lib/platform/env";
import { getActor } from "@/lib/accounts/authz";
import { isModerator } from "@/lib/accounts/roles";
import { NumberSearch } from "./number-search";
import { AccountLinks, ModerationLink } from "./account-links";

const NAV_LINK = "block rounded-md px-2.5 py-1.5 text-slate-700 no-underline xl:px-1.5 hover:bg-slate-100 hover:no-underline";

export async function SiteHeader() {
  const actor = await getActor();
  const links = [
    { href: "/", label: "Look up" },
    { href: "/report", label: "Report a call" },
    { href: "/organisations", label: "Organisations" },
    { href: "/registry", label: "Registry" },
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3 md:flex-row md:flex-wrap md:items-center md:gap-x-6 xl:flex-nowrap xl:gap-x-4">
        <div className="flex items-center justify-between gap-4">
          <Link href="/" className="flex shrink-0 items-center gap-2 whitespace-nowrap text-lg font-bold text-slate-900 no-underline hover:no-underline">
            <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-white">✓</span>
            CallerCheck
          </Link>
          <div className="flex min-w-0 items-center gap-3 text-sm md:hidden">
            <AccountLinks name={actor?.name} />
          </div>
        </div>
        <div className="md:max-w-md md:flex-1 xl:w-60 xl:flex-none">
          <NumberSearch defaultRegion={env.DEFAULT_REGION} />
        </div>
        <nav aria-label="Main" className="-mx-2.5 md:order-last md:basis-full xl:order-none xl:mx-0 xl:min-w-0 xl:flex-1 xl:basis-auto">
          <ul className="flex flex-wrap gap-x-1 gap-y-0.5 whitespace-nowrap text-sm font-medium">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className={NAV_LINK}>
                  {link.label}
                </Link>
              </li>
            ))}
            <ModerationLink rendered={isModerator(actor)} className={NAV_LINK} />
          </ul>
        </nav>
        <div className="hidden shrink-0 items-center gap-3 text-sm md:ml-auto md:flex xl:ml-0">
          <AccountLinks name={actor?.name} />
        </div>
      </div>
    </header>
  );
}
