// The safe-calling scorecard: pure rules, no database. An organisation earns up to 60 points for what
// it declares (its structured calling policy) and keeps up to 40 for what members report; reports of
// the real organisation doing what scammers do cost points whatever the policy says.

export type DeclaredPolicy = {
  policyListedNumbersOnly: boolean | null;
  policyVoicemailNamesListed: boolean | null;
  policyAsksPassword: boolean | null;
  policyAsksSecurityAnswers: boolean | null;
  policyAsksOneTimeCode: boolean | null;
  policyAsksCardDetails: boolean | null;
  policyVerifyCallBack: boolean | null;
  policyVerifyReference: boolean | null;
  policyUrl: string | null;
};

export type ReportedPractice = {
  /** Reports in the "legitimate but unsafe practice" category that name the organisation. */
  unsafeReports: number;
  /** Reports on the organisation's verified numbers where the caller asked for a password, security answers, a one-time code or card details. */
  sensitiveAsksOnVerified: number;
};

export type Grade = "A" | "B" | "C" | "D" | "E" | "F";
export type ScoreLine = { points: number; max: number; text: string };
export type Scorecard = { graded: false } | { graded: true; grade: Grade; score: number; lines: ScoreLine[] };

const POINTS = {
  listedNumbersOnly: 15,
  voicemailNamesListed: 5,
  eachNeverAsks: 7.5,
  waysToVerify: 5,
  publishedPolicy: 5,
  reports: 40,
  perUnsafeReport: 5,
  unsafeCap: 25,
  perSensitiveAsk: 5,
  sensitiveCap: 15,
} as const;

const ASKS: [keyof DeclaredPolicy, string][] = [
  ["policyAsksPassword", "passwords or PINs"],
  ["policyAsksSecurityAnswers", "security answers"],
  ["policyAsksOneTimeCode", "one-time codes"],
  ["policyAsksCardDetails", "card details"],
];

export function hasDeclaredPolicy(policy: DeclaredPolicy): boolean {
  return Object.values(policy).some((value) => value !== null && value !== "");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function gradeFor(score: number): Grade {
  if (score >= 85) return "A";
  if (score >= 70) return "B";
  if (score >= 55) return "C";
  if (score >= 40) return "D";
  if (score >= 25) return "E";
  return "F";
}

/** The grade and how it is reached, line by line. Nothing declared and nothing reported: not graded. */
export function scorecard(policy: DeclaredPolicy, reported: ReportedPractice): Scorecard {
  const unsafe = Math.max(0, reported.unsafeReports);
  const sensitive = Math.max(0, reported.sensitiveAsksOnVerified);
  if (!hasDeclaredPolicy(policy) && unsafe === 0 && sensitive === 0) return { graded: false };
  const lines: ScoreLine[] = [];
  const yesNo = (value: boolean | null, good: boolean, points: number, whenTrue: string, whenFalse: string, unknown: string) =>
    lines.push({ points: value === good ? points : 0, max: points, text: value === null ? unknown : value ? whenTrue : whenFalse });

  yesNo(policy.policyListedNumbersOnly, true, POINTS.listedNumbersOnly, "Calls only from the numbers it publishes.", "Says it may call from numbers it does not publish.", "Does not say whether it calls only from published numbers.");
  yesNo(policy.policyVoicemailNamesListed, true, POINTS.voicemailNamesListed, "Its voicemails name a published number to call back.", "Its voicemails do not name a published number.", "Does not say what its voicemails ask you to do.");
  for (const [key, what] of ASKS) {
    const value = policy[key] as boolean | null;
    yesNo(value, false, POINTS.eachNeverAsks, `May ask for ${what} on a call it started.`, `Never asks for ${what} on a call it started.`, `Does not say whether it asks for ${what} on calls it starts.`);
  }
  const canVerify = policy.policyVerifyCallBack === true || policy.policyVerifyReference === true;
  lines.push({ points: canVerify ? POINTS.waysToVerify : 0, max: POINTS.waysToVerify, text: canVerify ? "Tells customers how to check a call is real." : "Gives customers no way to check a call is real." });
  lines.push({ points: policy.policyUrl ? POINTS.publishedPolicy : 0, max: POINTS.publishedPolicy, text: policy.policyUrl ? "Publishes its calling policy on its own site." : "Does not link to a calling policy on its own site." });

  const unsafeCost = Math.min(POINTS.unsafeCap, unsafe * POINTS.perUnsafeReport);
  const sensitiveCost = Math.min(POINTS.sensitiveCap, sensitive * POINTS.perSensitiveAsk);
  lines.push({
    points: POINTS.reports - unsafeCost - sensitiveCost,
    max: POINTS.reports,
    text:
      unsafe === 0 && sensitive === 0
        ? "No member has reported it calling unsafely."
        : [
            unsafe ? `${plural(unsafe, "report")} of the real organisation calling unsafely (−${unsafeCost})` : null,
            sensitive ? `${plural(sensitive, "report")} of its own numbers asking for passwords, security answers, codes or card details (−${sensitiveCost})` : null,
          ]
            .filter(Boolean)
            .join("; ") + ".",
  });
  const score = Math.round(lines.reduce((sum, line) => sum + line.points, 0));
  return { graded: true, grade: gradeFor(score), score, lines };
}

/** Best first; ties by name, so the order is stable across pages. */
export function compareScorecards(a: { name: string; card: Scorecard }, b: { name: string; card: Scorecard }): number {
  const score = (s: Scorecard) => (s.graded ? s.score : -1);
  return score(b.card) - score(a.card) || a.name.localeCompare(b.name);
}
