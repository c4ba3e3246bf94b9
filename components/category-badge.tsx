import { REPORT_CATEGORIES, type ReportCategoryKey } from "@/lib/display/labels";

const toneClass = {
  bad: "bg-red-100 text-red-800 ring-red-200",
  warn: "bg-amber-100 text-amber-900 ring-amber-200",
  good: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
} as const;

export function CategoryBadge({ category }: { category: ReportCategoryKey }) {
  const info = REPORT_CATEGORIES[category];
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${toneClass[info.tone]}`}>{info.label}</span>;
}
