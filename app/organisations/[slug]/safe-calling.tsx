import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { Scorecard } from "@/lib/organisations/scorecard";
import { POLICY_QUESTION_KEYS, POLICY_QUESTIONS, type PolicyQuestion } from "@/lib/representatives/schema";

type Policy = Record<PolicyQuestion, boolean | null> & { policyUrl: string | null };

const safeHref = (url: string | null) => (url && /^https:\/\//i.test(url) ? url : null);

/** The structured calling policy (as the organisation declared it) and its safe-calling grade, explained. */
export function SafeCalling({ name, policy, card }: { name: string; policy: Policy; card: Scorecard }) {
  const answered = POLICY_QUESTION_KEYS.filter((key) => policy[key] !== null);
  const url = safeHref(policy.policyUrl);
  return (
    <Card title="Safe-calling scorecard" action={<Link href="/safe-calling" className="text-sm">All organisations</Link>}>
      {card.graded ? (
        <div className="space-y-4" data-testid="scorecard">
          <p className="flex items-center gap-3">
            <span className="grid h-12 w-12 place-items-center rounded-full bg-slate-900 text-2xl font-bold text-white" data-testid="grade">
              {card.grade}
            </span>
            <span className="text-slate-800">
              {card.score} of 100 points. Up to 60 come from what {name} declares; up to 40 from what members report about its real calls.
            </span>
          </p>
          <ul className="space-y-1 text-sm">
            {card.lines.map((line) => (
              <li key={line.text} className="flex justify-between gap-3 border-b border-slate-100 py-1">
                <span>{line.text}</span>
                <span className="whitespace-nowrap font-mono text-slate-600">
                  {line.points}/{line.max}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-slate-600">Not graded yet: {name} has not declared a calling policy, and nobody has reported it calling unsafely.</p>
      )}
      {answered.length ? (
        <div className="mt-4">
          <h3 className="font-semibold text-slate-900">What {name} declares</h3>
          <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-2" data-testid="declared-policy">
            {answered.map((key) => (
              <div key={key} className="rounded-lg bg-slate-50 p-2">
                <dt className="text-slate-700">{POLICY_QUESTIONS[key]}</dt>
                <dd className="font-semibold">{policy[key] ? "Yes" : "No"}</dd>
              </div>
            ))}
          </dl>
          {url ? (
            <p className="mt-2 text-sm">
              Published on its own site:{" "}
              <a href={url} rel="nofollow noopener noreferrer" target="_blank">
                {url}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
