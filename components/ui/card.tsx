import type { ReactNode } from "react";

export function Card({ title, children, className = "", headingLevel = 2, action }: { title?: ReactNode; children: ReactNode; className?: string; headingLevel?: 2 | 3; action?: ReactNode }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 ${className}`}>
      {title ? (
        <div className="mb-4 flex items-center justify-between gap-3">
          <Heading className="text-lg font-semibold text-slate-900">{title}</Heading>
          {action}
        </div>
      ) : null}
      {children}
    </section>
  );
}
