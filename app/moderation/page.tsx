import type { Metadata } from "next";
import Link from "next/link";
import { queueSizes } from "@/lib/moderation/queues";
import { listPromotionCandidates } from "@/lib/registry/candidates";
import { plural, relativeTime } from "@/lib/display/format";
import { moderatorOrForbidden } from "./guard";
import { PageHeader } from "./ui";
import { AlertQueue } from "./alert-queue";
import { isAdmin } from "@/lib/accounts/roles";

export const metadata: Metadata = { title: "Moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

type Queue = { href: string; title: string; what: string; count: number; oldest: Date | null };

export default async function ModerationDashboard() {
  const actor = await moderatorOrForbidden();
  const [sizes, candidates] = await Promise.all([queueSizes(), listPromotionCandidates()]);
  const oldestCandidate = candidates.reduce<Date | null>((oldest, c) => (!oldest || c.createdAt < oldest ? c.createdAt : oldest), null);
  const queues: Queue[] = [
    { href: "/moderation/candidates", title: "Promotion candidates", what: "Claims the community has confirmed: add evidence and promote them into the registry.", count: candidates.length, oldest: oldestCandidate },
    { href: "/moderation/flags", title: "Flags", what: "Comments and reports members flagged: hide, restore or dismiss.", ...sizes.flags },
    { href: "/moderation/organisations", title: "Proposed organisations", what: "Organisations members proposed: activate, edit or merge.", ...sizes.organisations },
    { href: "/moderation/alerts", title: "Brigading alerts", what: "Bursts of votes, or votes mostly from new accounts.", ...sizes.alerts },
    { href: "/moderation/removals", title: "Removal requests", what: "Owners asking for their number's texts to be removed.", ...sizes.removals },
  ];
  const tools = [
    { href: "/moderation/registry", title: "Registry", what: "Every verified number: add an entry, revoke one, mark an impersonation." },
    { href: "/moderation/organisations", title: "Organisations", what: "Edit an organisation's official callback number and calling policy." },
    { href: "/moderation/representatives", title: "Representatives", what: "Approve or revoke organisation representatives; hide organisation statements." },
    { href: "/moderation/members", title: "Members", what: isAdmin(actor) ? "Suspend and unsuspend members; change roles." : "Suspend and unsuspend members." },
    { href: "/moderation/audit", title: "Audit log", what: "Every moderator and admin action, with reasons." },
    { href: "/moderation/imports", title: "Imports", what: "Public complaint data imported: who, when, which file, and the counts." },
  ];
  return (
    <div className="space-y-8">
      <PageHeader title="Moderation" back={false} intro={<p>Signed in as {actor.name} ({isAdmin(actor) ? "admin" : "moderator"}). Every action here asks for a reason and is written to the audit log.</p>} />
      <section aria-labelledby="queues-heading" className="space-y-3">
        <h2 id="queues-heading" className="text-lg font-semibold">Queues</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {queues.map((queue) => (
            <li key={queue.title} className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={`queue-${queue.href.split("/").pop()}`}>
              <div className="flex items-start justify-between gap-3">
                <Link href={queue.href} className="text-base font-semibold">
                  {queue.title}
                </Link>
                <span className={`rounded-full px-2.5 py-0.5 text-sm font-bold tabular-nums ${queue.count ? "bg-brand-100 text-brand-900" : "bg-slate-100 text-slate-500"}`} data-testid="queue-count">
                  {queue.count}
                </span>
              </div>
              <p className="mt-2 flex-1 text-sm text-slate-600">{queue.what}</p>
              <p className="mt-3 text-xs text-slate-500">{queue.oldest ? `Oldest: ${relativeTime(queue.oldest)}` : "Nothing waiting"}</p>
            </li>
          ))}
        </ul>
      </section>
      <AlertQueue />
      <section aria-labelledby="tools-heading" className="space-y-3">
        <h2 id="tools-heading" className="text-lg font-semibold">Tools</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {tools.map((tool) => (
            <li key={tool.title} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <Link href={tool.href} className="font-semibold">
                {tool.title}
              </Link>
              <p className="mt-1 text-sm text-slate-600">{tool.what}</p>
            </li>
          ))}
        </ul>
        <p className="text-sm text-slate-500">{plural(candidates.length, "claim")} ready to promote.</p>
      </section>
    </div>
  );
}
