import { expect, test } from "vitest";
import { compareScorecards, gradeFor, scorecard, type DeclaredPolicy } from "./scorecard";

const undeclared: DeclaredPolicy = {
  policyListedNumbersOnly: null,
  policyVoicemailNamesListed: null,
  policyAsksPassword: null,
  policyAsksSecurityAnswers: null,
  policyAsksOneTimeCode: null,
  policyAsksCardDetails: null,
  policyVerifyCallBack: null,
  policyVerifyReference: null,
  policyUrl: null,
};
const safe: DeclaredPolicy = {
  policyListedNumbersOnly: true,
  policyVoicemailNamesListed: true,
  policyAsksPassword: false,
  policyAsksSecurityAnswers: false,
  policyAsksOneTimeCode: false,
  policyAsksCardDetails: false,
  policyVerifyCallBack: true,
  policyVerifyReference: false,
  policyUrl: "https://example.org/calling",
};
const clean = { unsafeReports: 0, sensitiveAsksOnVerified: 0 };

test("nothing declared and nothing reported is not graded", () => {
  expect(scorecard(undeclared, clean)).toEqual({ graded: false });
});

test("a complete safe policy with no unsafe reports scores 100, an A", () => {
  const card = scorecard(safe, clean);
  expect(card).toMatchObject({ graded: true, grade: "A", score: 100 });
  if (card.graded) expect(card.lines.every((line) => line.points === line.max)).toBe(true);
});

test("asking for security answers on its own calls costs the declared points", () => {
  const card = scorecard({ ...safe, policyAsksSecurityAnswers: true, policyListedNumbersOnly: false }, clean);
  expect(card).toMatchObject({ graded: true, score: 100 - 15 - 7.5 + 0.5 }); // 77.5 rounds to 78
  if (card.graded) expect(card.lines.map((l) => l.text)).toContain("May ask for security answers on a call it started.");
});

test("member reports of unsafe practice cost points whatever the policy says, up to the caps", () => {
  expect(scorecard(safe, { unsafeReports: 2, sensitiveAsksOnVerified: 0 })).toMatchObject({ score: 90, grade: "A" });
  expect(scorecard(safe, { unsafeReports: 3, sensitiveAsksOnVerified: 1 })).toMatchObject({ score: 80, grade: "B" });
  expect(scorecard(safe, { unsafeReports: 50, sensitiveAsksOnVerified: 50 })).toMatchObject({ score: 60, grade: "C" });
  const reportedOnly = scorecard(undeclared, { unsafeReports: 4, sensitiveAsksOnVerified: 0 });
  expect(reportedOnly).toMatchObject({ graded: true, score: 20, grade: "F" });
  if (reportedOnly.graded) expect(reportedOnly.lines.at(-1)!.text).toBe("4 reports of the real organisation calling unsafely (−20).");
});

test("grade bands", () => {
  expect([100, 85, 84, 70, 69, 55, 54, 40, 39, 25, 24, 0].map(gradeFor)).toEqual(["A", "A", "B", "B", "C", "C", "D", "D", "E", "E", "F", "F"]);
});

test("ranking: higher score first, ungraded last, ties by name", () => {
  const list = [
    { name: "Zed", card: scorecard(safe, clean) },
    { name: "Unsafe", card: scorecard(safe, { unsafeReports: 3, sensitiveAsksOnVerified: 0 }) },
    { name: "Nobody", card: scorecard(undeclared, clean) },
    { name: "Alpha", card: scorecard(safe, clean) },
  ];
  expect(list.sort(compareScorecards).map((x) => x.name)).toEqual(["Alpha", "Zed", "Unsafe", "Nobody"]);
});
