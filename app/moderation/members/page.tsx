import type { Metadata } from "next";
import { firstParam, type RawParams } from "@/lib/platform/search-params";
import { inputClass } from "@/components/ui/field";
import { listMembers } from "@/lib/accounts/admin";
import { formatDate, plural } from "@/lib/display/format";
import { ROLES } from "@/lib/display/labels";
import { ActionForm } from "../action-form";
import { roleAction, suspensionAction } from "../actions";
import { moderatorOrForbidden } from "../guard";
import { Empty, PageHeader, Pill, ReasonField } from "../ui";
import { isAdmin, isStaffRole } from "@/lib/accounts/roles";

export const metadata: Metadata = { title: "Members — moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function MembersPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const actor = await moderatorOrForbidden();
  const q = firstParam((await searchParams).q) ?? "";
  const members = await listMembers(q.slice(0, 100));
  const adminViewing = isAdmin(actor);
  return (
    <div className="space-y-6">
      <PageHeader title="Members" intro={<p>Suspended members can read but not report, vote or comment, and their votes stop counting at once.{adminViewing ? " As an admin you can also change roles; there is always at least one admin." : ""}</p>} />
      <form className="flex max-w-lg gap-2" role="search">
        <label htmlFor="member-q" className="sr-only">Search members</label>
        <input id="member-q" name="q" defaultValue={q} placeholder="Name or e-mail" className={inputClass} />
        <button type="submit" className="rounded-lg px-4 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50">Search</button>
      </form>
      {members.length === 0 ? <Empty>No members match.</Empty> : null}
      <ul className="space-y-3">
        {members.map((member) => (
          <li key={member.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="member" data-email={member.email}>
            <div className="flex flex-wrap items-center gap-2">
              <strong>{member.name}</strong>
              <span className="text-sm text-slate-500">{member.email}</span>
              <Pill tone={isStaffRole(member.role) ? "good" : "neutral"}>{ROLES[member.role]}</Pill>
              {member.suspendedAt ? <Pill tone="bad">Suspended</Pill> : null}
            </div>
            <p className="mt-1 text-sm text-slate-500">
              Joined {formatDate(member.createdAt)} · {plural(member._count.reports, "report")}
              {member.suspendedAt ? ` · suspended ${formatDate(member.suspendedAt)}: ${member.suspendedReason ?? "no reason given"}` : ""}
            </p>
            {member.id === actor.id ? (
              <p className="mt-2 text-sm text-slate-500">This is you.</p>
            ) : (
              <div className="mt-3 flex flex-col gap-3 md:flex-row md:items-start">
                {!isStaffRole(member.role) || adminViewing ? (
                  <details className="group rounded-lg border border-slate-200 md:w-80">
                    <summary className="cursor-pointer list-none px-3 py-2 text-sm font-semibold text-slate-800 marker:hidden hover:bg-slate-50">
                      {member.suspendedAt ? "Unsuspend…" : "Suspend…"}
                    </summary>
                    <ActionForm action={suspensionAction} submitLabel={member.suspendedAt ? "Unsuspend" : "Suspend"} variant={member.suspendedAt ? "secondary" : "danger"} className="space-y-2 border-t border-slate-100 p-3">
                      <input type="hidden" name="userId" value={member.id} />
                      <input type="hidden" name="decision" value={member.suspendedAt ? "unsuspend" : "suspend"} />
                      <ReasonField id={`suspend-${member.id}`} />
                    </ActionForm>
                  </details>
                ) : (
                  <p className="text-sm text-slate-500">Only an admin can suspend a moderator or an admin.</p>
                )}
                {adminViewing ? (
                  <details className="rounded-lg border border-slate-200 md:w-80">
                    <summary className="cursor-pointer list-none px-3 py-2 text-sm font-semibold text-slate-800 marker:hidden hover:bg-slate-50">Change role…</summary>
                    <ActionForm action={roleAction} submitLabel="Change role" variant="secondary" className="space-y-2 border-t border-slate-100 p-3">
                      <input type="hidden" name="userId" value={member.id} />
                      <div className="space-y-1.5">
                        <label htmlFor={`role-${member.id}`} className="block text-sm font-medium">Role</label>
                        <select id={`role-${member.id}`} name="role" defaultValue={member.role} className={inputClass}>
                          {Object.entries(ROLES).map(([value, label]) => (
                            <option key={value} value={value}>{label}</option>
                          ))}
                        </select>
                      </div>
                      <ReasonField id={`role-reason-${member.id}`} />
                    </ActionForm>
                  </details>
                ) : null}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
