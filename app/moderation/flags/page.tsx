import type { Metadata } from "next";
import { CategoryBadge } from "@/components/category-badge";
import { REPORT_CATEGORIES, type ReportCategoryKey } from "@/lib/display/labels";
import { listFlagQueue } from "@/lib/moderation/queues";
import { firstParam } from "@/lib/platform/search-params";
import { ActionForm } from "../action-form";
import { flagAction } from "../actions";
import { moderatorOrForbidden } from "../guard";
import { Empty, NumberLink, PageHeader, Pill, QueuePages, ReasonField, When } from "../ui";

export const metadata: Metadata = { title: "Flags — moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

const REASONS: Record<string, string> = { SPAM: "Spam", ABUSE: "Abuse", PERSONAL_INFORMATION: "Personal information", OTHER: "Other" };

export default async function FlagsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await moderatorOrForbidden();
  const after = firstParam((await searchParams).after);
  const { items, next } = await listFlagQueue(undefined, after);
  return (
    <div className="space-y-6">
      <PageHeader title="Flags" intro={<p>Hide upholds the flags; dismiss keeps the text and closes them; restore shows hidden text again.</p>} />
      {items.length === 0 && !after ? <Empty>No open flags. Comments and reports that members flag appear here.</Empty> : null}
      <ul className="space-y-4">
        {items.map((item) => (
          <li key={`${item.targetType}-${item.id}`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="flagged-item">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Pill>{item.targetType === "comment" ? "Comment" : "Report"}</Pill>
              {item.category && item.category in REPORT_CATEGORIES ? <CategoryBadge category={item.category as ReportCategoryKey} /> : null}
              <span>
                on <NumberLink e164={item.e164} />
              </span>
              {item.anonymous ? (
                <span className="text-slate-500">
                  <Pill tone="warn">Anonymous</Pill> a visitor without an account (proof-of-work check), <When date={item.createdAt} />
                </span>
              ) : (
                <span className="text-slate-500">
                  by {item.author}, <When date={item.createdAt} />
                </span>
              )}
              {item.hiddenAt ? <Pill tone="bad">Hidden</Pill> : null}
            </div>
            <blockquote className="mt-3 whitespace-pre-line break-words rounded-lg bg-slate-50 p-3 text-slate-800">{item.text || <em className="text-slate-500">No text</em>}</blockquote>
            <ul className="mt-3 space-y-1 text-sm text-slate-600">
              {item.flags.map((flag) => (
                <li key={flag.id}>
                  <strong className="text-slate-800">{REASONS[flag.reason] ?? flag.reason}</strong> — {flag.flagger}, <When date={flag.createdAt} />
                  {flag.note ? <span className="block pl-3 text-slate-500">“{flag.note}”</span> : null}
                </li>
              ))}
            </ul>
            <div className="mt-4 grid gap-3 md:grid-cols-2">
              {(item.hiddenAt ? (["restore", "dismiss"] as const) : (["hide", "dismiss"] as const)).map((decision) => (
                <ActionForm key={decision} action={flagAction} submitLabel={decision === "hide" ? "Hide" : decision === "restore" ? "Restore" : "Dismiss flags"} variant={decision === "hide" ? "danger" : "secondary"} className="space-y-2 rounded-lg border border-slate-100 p-3">
                  <input type="hidden" name="targetType" value={item.targetType} />
                  <input type="hidden" name="targetId" value={item.id} />
                  <input type="hidden" name="decision" value={decision} />
                  <ReasonField id={`${decision}-${item.id}`} label={`Reason to ${decision === "dismiss" ? "dismiss" : decision}`} />
                </ActionForm>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <QueuePages path="/moderation/flags" after={after} next={next} shown={items.length} />
    </div>
  );
}
